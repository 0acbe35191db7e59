package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileIntoJunkTest {
    private static final Username BOB = Username.of("bob@a.test");
    private static final Username CAROL = Username.of("carol@a.test");
    private static final Username DAVE = Username.of("dave@a.test");

    private static FileIntoJunk mailet(String... keyValues) throws Exception {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("FileIntoJunk");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.setProperty(keyValues[i], keyValues[i + 1]);
        }
        FileIntoJunk mailet = new FileIntoJunk(FakeUsers.byAddress());
        mailet.init(config.build());
        return mailet;
    }

    private static void sieveFiled(Mail mail, Username user, String path) {
        // What James's SievePoster writes for fileinto (and for keep, as fileinto "INBOX").
        StorageDirective.builder().targetFolder(path).build().encodeAsAttributes(user).forEach(mail::setAttribute);
    }

    private static String folderOf(Mail mail, Username user) {
        return StorageDirective.fromMail(user, mail).getTargetFolder().orElse("(none)");
    }

    @Test
    void spamGoesToJunkWithoutAScriptAndDespiteAKeepButStaysWhereAScriptFiledIt() throws Exception {
        FakeMail mail = FakeMail.builder().name("m1").recipients("bob@a.test", "carol@a.test", "dave@a.test").build();
        sieveFiled(mail, CAROL, "/INBOX");
        sieveFiled(mail, DAVE, "/Suspicious");

        mailet().service(mail);

        assertThat(folderOf(mail, BOB)).as("no script").isEqualTo("Junk");
        assertThat(folderOf(mail, CAROL)).as("keep, implicit or explicit").isEqualTo("Junk");
        assertThat(folderOf(mail, DAVE)).as("fileinto").isEqualTo("/Suspicious");
    }

    @Test
    void theFolderParameterNamesTheFolder() throws Exception {
        FakeMail mail = FakeMail.builder().name("m2").recipients("bob@a.test").build();

        mailet("folder", "Spam").service(mail);

        assertThat(folderOf(mail, BOB)).isEqualTo("Spam");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "folder  | ''    | bad value for folder=''",
        "folder  | INBOX | bad value for folder='INBOX'",
        "foldr   | Junk  | foldr",
    })
    void badParametersFailInitNamingThem(String name, String value, String message) {
        assertThatThrownBy(() -> mailet(name, value)).hasMessageContaining(message);
    }
}
