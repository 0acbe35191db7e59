package dev.postino.it.harness;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** RestAssured requests to one server's webadmin, as an administrator's curl would make them. */
public final class Webadmin {
    private Webadmin() {
    }

    public static RequestSpecification given(PostinoJames james) {
        return given(james.webadminPort());
    }

    public static RequestSpecification given(int port) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port).contentType("application/json")
            .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("message/rfc822", ContentType.TEXT)));
    }

    /**
     * The value of one sample in James's {@code /metrics} (Prometheus text); 0 when absent. James's
     * counters are Dropwizard meters: {@code postino_size_refused} is exported as
     * {@code postino_size_refused_total}.
     */
    public static double metric(PostinoJames james, String name) {
        String text = RestAssured.given().baseUri("http://127.0.0.1").port(james.webadminPort())
            .get("/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }
}
