package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.postino.config.ConfigException;

class RouteByMxInitTest {
    @ParameterizedTest(name = "{0}={1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "deliveryThread        | 10          | unknown key(s) [deliveryThread]",
        "deliveryThreads       | ten         | bad value for deliveryThreads='ten'",
        "deliveryThreads       | 0           | deliveryThreads='0': must be between 1 and 1000",
        "immediateAttempts     | -1          | immediateAttempts='-1': must be between 0 and 1000",
        "immediateAttempts     | some        | bad value for immediateAttempts='some'",
        "retrySchedule         | 5 minutes   | retrySchedule",
        "delayWarningAfter     | 4 hours     | delayWarningAfter",
        "maxQueueLifetime      | forever     | maxQueueLifetime",
        "maxAttempts           | -1          | maxAttempts",
        "retryJitter           | 2           | retryJitter",
        "tls                   | maybe       | bad value for tls='maybe': must be one of [opportunistic, required, none]",
        "addressPreference     | ipv7        | addressPreference='ipv7'",
        "maxMxHosts            | 0           | maxMxHosts='0'",
        "maxAddresses          | x           | maxAddresses='x'",
        "maxReceived           | 0           | maxReceived='0'",
        "maxConnectionsPerDestination | 0    | maxConnectionsPerDestination='0'",
        "maxMailsPerConnection | 0           | maxMailsPerConnection='0'",
        "connectionIdleTime    | soon        | connectionIdleTime='soon'",
        "deadHostTime          | 1 minute    | deadHostTime='1 minute'",
        "connectTimeout        | 0           | connectTimeout='0': must be more than 0",
        "greetingTimeout       | 0           | greetingTimeout='0'",
        "commandTimeout        | 5           | commandTimeout='5'",
        "dataInitTimeout       | 0           | dataInitTimeout='0'",
        "dataBlockTimeout      | 0           | dataBlockTimeout='0'",
        "dataEndTimeout        | 0           | dataEndTimeout='0'",
        "deferredSweepInterval | 0           | deferredSweepInterval='0'",
        "failedRepository      | var/failed  | bad value for failedRepository='var/failed'",
        "deferredRepository    | deferred    | bad value for deferredRepository='deferred'",
        "doubleBounceRepository | bounces    | bad value for doubleBounceRepository='bounces'",
    })
    void badParametersFailInitNamingTheParameter(String name, String value, String message) {
        RouteByMx mailet = new RouteByMx(null, null, null, null, null, null, null);

        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder()
                .mailetName("RouteByMx")
                .setProperty(name, value)
                .build()))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(message);
    }
}
