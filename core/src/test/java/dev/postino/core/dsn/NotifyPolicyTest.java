package dev.postino.core.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotifyPolicyTest {
    private final NotifyPolicy policy = new NotifyPolicy();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // event  | reverse path (- = none) | spam  | NOTIFY (- = absent) | send  | reason
        "FAILURE  | alice@a.test            | false | -                   | true  | notify=failure,delay (default)",
        "DELAY    | alice@a.test            | false | -                   | true  | notify=failure,delay (default)",
        "SUCCESS  | alice@a.test            | false | -                   | false | notify=failure,delay (default)",
        "FAILURE  | alice@a.test            | false | NEVER               | false | notify=never",
        "DELAY    | alice@a.test            | false | never               | false | notify=never",
        "FAILURE  | alice@a.test            | false | FAILURE             | true  | notify=failure",
        "DELAY    | alice@a.test            | false | FAILURE             | false | notify=failure",
        "DELAY    | alice@a.test            | false | SUCCESS,DELAY       | true  | notify=success,delay",
        "FAILURE  | alice@a.test            | false | SUCCESS             | false | notify=success",
        "SUCCESS  | alice@a.test            | false | Success,Failure     | true  | notify=success,failure",
        "FAILURE  | -                       | false | -                   | false | null sender",
        "FAILURE  | ''                      | false | FAILURE             | false | null sender",
        "DELAY    | <>                      | false | DELAY               | false | null sender",
        "FAILURE  | <>                      | true  | FAILURE             | false | null sender",
        "FAILURE  | spammer@forged.test     | true  | FAILURE             | false | spam",
        "DELAY    | spammer@forged.test     | true  | -                   | false | spam",
    })
    void decides(NotifyPolicy.Event event, String reversePath, boolean spam, String notify, boolean send,
                 String reason) {
        Optional<String> path = reversePath.equals("-") ? Optional.empty() : Optional.of(reversePath);
        Optional<Set<Notify>> asked = notify.equals("-") ? Optional.empty() : Optional.of(Notify.parse(notify));

        NotifyDecision decision = policy.decide(event, path, spam, asked);

        assertThat(decision.send()).isEqualTo(send);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NEVER,FAILURE      | NEVER cannot be combined",
        "FAILURE,FAILURE    | given twice",
        "FAILURE,           | unknown item ''",
        "FAILURE, DELAY     | unknown item ' DELAY'",
        "BOUNCE             | unknown item 'BOUNCE'",
        "''                 | empty NOTIFY",
    })
    void notifyValuesAreParsedStrictly(String value, String message) {
        assertThatThrownBy(() -> Notify.parse(value)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NEVER                  | NEVER",
        "delay,failure,success  | SUCCESS FAILURE DELAY",
        "Failure                | FAILURE",
    })
    void notifyValuesParse(String value, String expected) {
        assertThat(Notify.parse(value)).containsExactlyInAnyOrder(
            java.util.Arrays.stream(expected.split(" ")).map(Notify::valueOf).toArray(Notify[]::new));
    }
}
