package dev.postino.it.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postino.it.harness.MxLab;
import dev.postino.it.harness.PostinoJames;

// postino.properties helo.name=mail → James starts, and its log warns that the name is not a FQDN
class HeloNameWarningTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.postino.deliverability.HostIdentity");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private MxLab lab;

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
        lab = MxLab.start();
    }

    @AfterEach
    void stop() {
        logger.detachAppender(appender);
        lab.close();
    }

    @Test
    void aHeloNameThatIsNotAFullyQualifiedNameIsWarnedAboutAtStartUp() {
        try (PostinoJames james = lab.postino("mail").confFile("postino.properties", "helo.name=mail\n").build().start()) {
            assertThat(james.isStarted()).isTrue();
        }
        List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
        assertThat(warnings).anySatisfy(w -> assertThat(w)
            .startsWith("helo.name 'mail' is not a fully-qualified domain name (it has a single label)"));
    }
}
