package dev.postino.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postino.core.smtp.EnhancedStatus;
import dev.postino.core.smtp.SmtpReply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryHistoryTest {
    private static final Instant ARRIVAL = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2024-03-01T10:05:00.250Z");

    private static final String SAMPLE_TEXT = "v1 arrival=2024-03-01T10:00:00Z attempts=2 warned=1"
        + " next=2024-03-01T11:00:00Z"
        + ";rcpt=bob@b.test state=DELIVERED kind=DELIVERED status=2.0.0 at=2024-03-01T10:05:00.250Z rcode=250"
        + " rtext=ok mta=mx.b.test"
        + ";rcpt=carol@c.test state=PENDING kind=TEMPORARY status=4.2.2 at=2024-03-01T10:05:00.250Z rcode=452"
        + " rstatus=4.2.2 rtext=mailbox%20full%3B%20try%20later%20(quota%3D100%25) mta=mx.c.test"
        + ";rcpt=dave@d.test state=FAILED kind=PERMANENT status=5.1.1 at=2024-03-01T10:05:00.250Z"
        + ";rcpt=erin@e.test state=PENDING;end";

    private static DeliveryHistory sample() {
        return DeliveryHistory.of(ARRIVAL, 2, List.of(
            RecipientRecord.of("bob@b.test", RecipientRecord.State.DELIVERED, Optional.of(
                AttemptResult.delivered("bob@b.test", SmtpReply.of(250, "ok"), "mx.b.test", T1))),
            RecipientRecord.of("carol@c.test", RecipientRecord.State.PENDING, Optional.of(
                AttemptResult.temporary("carol@c.test", EnhancedStatus.parse("4.2.2"),
                    Optional.of(SmtpReply.parse("452 4.2.2 mailbox full; try later (quota=100%)")),
                    Optional.of("mx.c.test"), T1))),
            RecipientRecord.of("dave@d.test", RecipientRecord.State.FAILED, Optional.of(
                AttemptResult.permanent("dave@d.test", EnhancedStatus.parse("5.1.1"), Optional.empty(),
                    Optional.empty(), T1))),
            RecipientRecord.pending("erin@e.test")),
            true, Optional.of(Instant.parse("2024-03-01T11:00:00Z")));
    }

    @Test
    void textFormIsStable() {
        assertThat(sample().toText()).isEqualTo(SAMPLE_TEXT);
        assertThat(DeliveryHistory.parse(SAMPLE_TEXT)).isEqualTo(sample());
    }

    static Stream<DeliveryHistory> histories() {
        AttemptResult odd = AttemptResult.temporary("\"john doe\"@b.test", EnhancedStatus.parse("4.4.1"),
            Optional.of(SmtpReply.of(421, "Serviço indisponível; ré=tente 😀 %41 -")),
            Optional.of("mx1.b.test"), T1);
        AttemptResult replyWithMismatchedStatus = AttemptResult.temporary("x@y.test", EnhancedStatus.parse("4.0.0"),
            Optional.of(SmtpReply.of(451, EnhancedStatus.parse("5.7.1"), "")), Optional.empty(), T1);
        AttemptResult replyWithStatusLikeText = AttemptResult.temporary("y@y.test", EnhancedStatus.parse("4.0.0"),
            Optional.of(SmtpReply.of(451, "4.3.0 text kept as text")), Optional.empty(), T1);
        return Stream.of(
            DeliveryHistory.start(ARRIVAL, List.of("bob@b.test")),
            DeliveryHistory.start(ARRIVAL, List.of("ünïcode@exämple.test", "a;b=c%d@x.test")),
            sample(),
            DeliveryHistory.of(ARRIVAL, 7, List.of(
                RecipientRecord.of(odd.recipient(), RecipientRecord.State.PENDING, Optional.of(odd)),
                RecipientRecord.of("x@y.test", RecipientRecord.State.PENDING, Optional.of(replyWithMismatchedStatus)),
                RecipientRecord.of("y@y.test", RecipientRecord.State.FAILED, Optional.of(replyWithStatusLikeText))),
                false, Optional.of(T1)),
            DeliveryHistory.of(ARRIVAL, 123_456, List.of(
                RecipientRecord.of("z@z.test", RecipientRecord.State.FAILED, Optional.of(
                    AttemptResult.temporary("z@z.test", RetryPolicy.EXPIRED, Optional.empty(), Optional.empty(), T1)))),
                true, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void roundTrips(DeliveryHistory history) {
        String text = history.toText();
        assertThat(text).matches("[!-~ ]+");
        assertThat(DeliveryHistory.parse(text)).isEqualTo(history);
        assertThat(DeliveryHistory.parse(text).toText()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // corrupted value                                                          | message says
        "''                                                                          | the value is empty",
        "v3 arrival=2024-03-01T10:00:00Z attempts=0 warned=0                         | unsupported version 'v3'",
        "{\"json\":true}                                                             | unsupported version",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0;end                          | at least one recipient",
        "v1 arrival=yesterday attempts=0 warned=0;rcpt=a@b state=PENDING;end              | yesterday",
        "v1 attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a@b state=PENDING;end      | missing field 'arrival'",
        "v1 arrival=2024-03-01T10:00:00Z attempts=-1 warned=0;rcpt=a@b state=PENDING;end  | attempts must be a whole number",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=yes;rcpt=a@b state=PENDING;end  | warned must be 0 or 1",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 color=red;end                | unknown field 'color=red'",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 attempts=1 warned=0;end               | 'attempts' appears twice",
        "v1 arrival=2024-03-01T10:00:00Z  attempts=0 warned=0;end                         | unknown field ''",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0;rcpt=a@b state=PENDING;end   | pending but no next attempt",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a@b state=WAITING;end  | state 'WAITING' is not one of",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a@b state=PENDING;rcpt=a@b state=PENDING;end  | listed twice: a@b",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a%2 state=PENDING;end  | bad percent escape",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a%FF state=PENDING;end  | not UTF-8",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt=a=b state=PENDING;end  | unescaped character U+003D",
        "v1 arrival=2024-03-01T10:00:00Z attempts=0 warned=0 next=2024-03-01T10:00:00Z;rcpt= state=PENDING;end  | recipient must not be empty",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=DELIVERED;end  | a DELIVERED recipient cannot have no result",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT status=4.1.1 at=2024-03-01T10:00:00Z;end  | needs a 5.x.x status",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT status=5.1.1;end  | missing field 'at'",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT status=5.1.1 at=2024-03-01T10:00:00Z rcode=55 rtext=x;end  | rcode must be three digits",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT status=5.1.1 at=2024-03-01T10:00:00Z rcode=550;end  | missing field 'rtext'",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED mta=mx;end  | without a last result",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;;end | unknown field ''",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT status=5.1.1 at=2024-03-01T10:00:00Z detail=x;end  | unknown field 'detail=x'",
        "v2 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED detail=x;end  | without a last result",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=FAILED kind=PERMANENT | truncated",
        "v1 arrival=2024-03-01T10:00:00Z attempts=1 warned=0;rcpt=a@b state=PENDING;end;end | unknown field 'end'",
    })
    void corruptedValuesAreRejectedClearly(String text, String message) {
        assertThatThrownBy(() -> DeliveryHistory.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("corrupt delivery history")
            .hasMessageContaining(message);
    }

    @Test
    void ourOwnWordsTravelAsVersion2AndAHistoryWithoutThemStaysVersion1() {
        AttemptResult refused = AttemptResult.temporary("bob@b.test", EnhancedStatus.parse("4.4.1"), Optional.empty(),
            Optional.empty(), T1).withDetail("connection refused by 192.0.2.1:25");
        DeliveryHistory history = DeliveryHistory.of(ARRIVAL, 1, List.of(
            RecipientRecord.of("bob@b.test", RecipientRecord.State.PENDING, Optional.of(refused))),
            false, Optional.of(T1));

        assertThat(history.toText()).isEqualTo("v2 arrival=2024-03-01T10:00:00Z attempts=1 warned=0"
            + " next=2024-03-01T10:05:00.250Z;rcpt=bob@b.test state=PENDING kind=TEMPORARY status=4.4.1"
            + " at=2024-03-01T10:05:00.250Z detail=connection%20refused%20by%20192.0.2.1:25;end");
        assertThat(DeliveryHistory.parse(history.toText())).isEqualTo(history);
        assertThat(DeliveryHistory.parse(history.toText()).recipients().get(0).last().flatMap(AttemptResult::detail))
            .contains("connection refused by 192.0.2.1:25");
        assertThat(sample().toText()).startsWith("v1 ");
    }

    @Test
    void givingUpKeepsOurWords() {
        AttemptResult refused = AttemptResult.temporary("bob@b.test", EnhancedStatus.parse("4.4.1"), Optional.empty(),
            Optional.empty(), T1).withDetail("connection refused");

        assertThat(refused.withStatus(RetryPolicy.EXPIRED).detail()).contains("connection refused");
        assertThatThrownBy(() -> refused.withDetail("two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> DeliveryHistory.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTruncationOfAValidValueIsRejected() {
        // A value cut short in transit must never parse into something silently different.
        for (int i = 0; i < SAMPLE_TEXT.length(); i++) {
            String cut = SAMPLE_TEXT.substring(0, i);
            assertThatThrownBy(() -> DeliveryHistory.parse(cut)).as("cut at %d", i)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("corrupt delivery history");
        }
    }
}
