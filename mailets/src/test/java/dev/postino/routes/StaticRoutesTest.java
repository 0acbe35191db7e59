package dev.postino.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.postino.config.ChangedOnDiskException;
import dev.postino.config.ConfigException;
import dev.postino.config.JsonFields;
import dev.postino.core.BadField;
import dev.postino.spam.FakeFileSystem;

class StaticRoutesTest {
    @TempDir
    Path home;

    @BeforeEach
    void config() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/routes"), "b.test [10.0.0.5]:2525\n* [smarthost.test]:587 auth=u secret=s\n");
        Files.writeString(home.resolve("conf/postino.properties"), "routes.file=conf/routes\nsecret.s=file-secret\n");
    }

    private StaticRoutes routes() {
        FakeFileSystem fileSystem = new FakeFileSystem(home);
        return new StaticRoutes(fileSystem, new FileRouteStore(fileSystem));
    }

    private static StoredRoute route(String json) {
        return StoredRouteJson.read(JsonFields.parse(json), Optional.empty());
    }

    @Test
    void aWebadminRouteReplacesTheFileRowOfItsKeyAndIsKeptAcrossARestart() throws Exception {
        StaticRoutes routes = routes();
        assertThat(routes.resolve("b.test", d -> false)).hasToString("smtp:[10.0.0.5]:2525 tls=opportunistic");

        routes.put("b.test", route("{\"host\": \"10.0.0.9\", \"port\": 2526, \"auth\": {\"username\": \"w\", \"password\": \"pw\"}}"));

        assertThat(routes.resolve("b.test", d -> false)).hasToString("smtp:[10.0.0.9]:2526 tls=required auth=w secret=webadmin:b.test");
        assertThat(routes.password("webadmin:b.test")).contains("pw");
        assertThat(routes.password("s")).contains("file-secret");
        assertThat(routes.resolve("c.test", d -> false).toString()).startsWith("smtp:[smarthost.test]:587");

        StaticRoutes restarted = routes();
        assertThat(restarted.resolve("b.test", d -> false)).hasToString("smtp:[10.0.0.9]:2526 tls=required auth=w secret=webadmin:b.test");
        assertThat(restarted.password("webadmin:b.test")).contains("pw");
        assertThat(restarted.get("b.test").orElseThrow().fileRoute()).isPresent();

        assertThat(restarted.remove("b.test")).isTrue();
        assertThat(restarted.remove("b.test")).isFalse();
        assertThat(routes().resolve("b.test", d -> false)).hasToString("smtp:[10.0.0.5]:2525 tls=opportunistic");
        assertThat(restarted.password("webadmin:b.test")).isEmpty();
    }

    @Test
    void allListsFileAndWebadminKeysSorted() throws Exception {
        StaticRoutes routes = routes();
        routes.put("a.test", route("{\"host\": \"relay.test\", \"lookupMx\": true}"));

        assertThat(routes.all()).extracting(StaticRoutes.Entry::key).containsExactly("*", "a.test", "b.test");
        assertThat(routes.get("nowhere.test")).isEmpty();
    }

    @Test
    void aDamagedRoutesFileStopsStartUpNamingItAndTheEntry() throws Exception {
        Files.createDirectories(home.resolve("var/postino"));
        Files.writeString(home.resolve("var/postino/routes.json"),
            "{\"version\": 1, \"routes\": {\"b.test\": {\"host\": \"b.test\", \"port\": 0}}}");

        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class)
            .hasMessageContaining("var/postino/routes.json").hasMessageContaining("entry 'b.test'").hasMessageContaining("port: ");

        Files.writeString(home.resolve("var/postino/routes.json"), "{\"routes\": {}}");
        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class).hasMessageContaining("\"version\": 1");

        Files.writeString(home.resolve("var/postino/routes.json"), "{not json");
        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class).hasMessageContaining("is not valid JSON");
    }

    @Test
    void aRoutesFileEditedByHandWithASyntaxErrorIsRefusedNamingTheFileAndTheLine() throws Exception {
        Files.createDirectories(home.resolve("var/postino"));
        // A comma forgotten at the end of line 3, as happens when an entry is added by hand.
        Files.writeString(home.resolve("var/postino/routes.json"), "{\n  \"version\": 1,\n  \"routes\": {\n"
            + "    \"a.test\": {\"host\": \"relay.test\"}\n    \"b.test\": {\"host\": \"relay.test\"}\n  }\n}\n");

        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class)
            .hasMessageContaining("var/postino/routes.json").hasMessageContaining("is not valid JSON")
            .hasMessageContaining("line 5");
    }

    @Test
    void aRoutesFileEditedByHandWithTwoEntriesForOneKeyIsRefusedRatherThanKeepingEitherSilently() throws Exception {
        Files.createDirectories(home.resolve("var/postino"));
        Path file = home.resolve("var/postino/routes.json");
        Files.writeString(file, "{\"version\": 1, \"routes\": {\"b.test\": {\"host\": \"old.test\"},"
            + " \"B.Test\": {\"host\": \"new.test\"}}}");
        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class)
            .hasMessageContaining("var/postino/routes.json").hasMessageContaining("'b.test'").hasMessageContaining("'B.Test'");

        Files.writeString(file, "{\"version\": 1, \"routes\": {\"b.test\": {\"host\": \"old.test\"},\n"
            + " \"b.test\": {\"host\": \"new.test\"}}}");
        assertThatThrownBy(this::routes).isInstanceOf(ConfigException.class)
            .hasMessageContaining("var/postino/routes.json").hasMessageContaining("b.test").hasMessageContaining("line 2");
    }

    @Test
    void aRoutesFileEditedByHandWhileTheServerRunsIsNotOverwrittenByTheNextWebadminChange() throws Exception {
        StaticRoutes routes = routes();
        routes.put("a.test", route("{\"host\": \"relay.test\"}"));
        Path file = home.resolve("var/postino/routes.json");
        String byHand = "{\"version\": 1, \"routes\": {\"a.test\": {\"host\": \"relay.test\"},"
            + " \"c.test\": {\"host\": \"hand.test\"}}}\n";
        Files.writeString(file, byHand);

        assertThatThrownBy(() -> routes.put("d.test", route("{\"host\": \"other.test\"}")))
            .isInstanceOf(ChangedOnDiskException.class).hasMessageContaining("var/postino/routes.json");
        assertThatThrownBy(() -> routes.remove("a.test")).isInstanceOf(ChangedOnDiskException.class);

        assertThat(Files.readString(file)).as("the hand edit is kept").isEqualTo(byHand);
        assertThat(routes.get("d.test")).as("nothing changed in memory either").isEmpty();
        assertThat(routes().get("c.test")).as("a restart reads the hand edit").isPresent();
    }

    @Test
    void aPasswordUtf8CannotEncodeIsNotSavedAndDoesNotMakeTheNextChangeLookLikeAnEditByHand() throws Exception {
        StaticRoutes routes = routes();
        // A lone surrogate (U+D800 escaped in JSON) has no UTF-8 form: written, the file would get '?' instead.
        String body = "{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\", \"password\": \"\\ud800\"}}";
        assertThatThrownBy(() -> route(body)).as("a webadmin body is refused as it is read (400 naming the field)")
            .isInstanceOf(BadField.class).hasMessageStartingWith("auth.password: ");
        // Should such a value reach the file all the same, the file refuses it.
        StoredRoute unchecked = StoredRouteJson.read(new ObjectMapper().readTree(body), Optional.empty());
        assertThatThrownBy(() -> routes.put("x.test", unchecked))
            .isInstanceOf(IOException.class).isNotInstanceOf(ChangedOnDiskException.class)
            .hasMessageContaining("var/postino/routes.json").hasMessageContaining("lone surrogate");
        assertThat(routes.get("x.test")).as("nothing changed").isEmpty();

        routes.put("c.test", route("{\"host\": \"other.test\"}"));

        assertThat(routes().get("c.test")).as("the next change was written, not refused as a hand edit").isPresent();
    }

    @Test
    void aLoginWithoutPasswordKeepsThePreviousPasswordOnlyForTheSameUser() {
        StoredRoute previous = route("{\"host\": \"relay.test\", \"auth\": {\"username\": \"u\", \"password\": \"pw\"}}");

        StoredRoute same = StoredRouteJson.read(JsonFields.parse("{\"host\": \"relay.test\", \"port\": 587, "
            + "\"auth\": {\"username\": \"u\"}}"), Optional.of(previous));
        assertThat(same.password()).contains("pw");
        assertThat(same.route().port()).isEqualTo(587);

        assertThatThrownBy(() -> StoredRouteJson.read(JsonFields.parse("{\"host\": \"relay.test\", "
            + "\"auth\": {\"username\": \"other\"}}"), Optional.of(previous)))
            .hasMessageStartingWith("auth.password: ");
        assertThat(StoredRouteJson.write(previous, false).toString()).doesNotContain("pw").contains("\"passwordSet\":true");
    }
}
