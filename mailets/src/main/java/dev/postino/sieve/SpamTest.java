package dev.postino.sieve;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.james.transport.mailets.jsieve.SieveMailAdapter;
import org.apache.jsieve.Argument;
import org.apache.jsieve.Arguments;
import org.apache.jsieve.SieveContext;
import org.apache.jsieve.StringListArgument;
import org.apache.jsieve.TagArgument;
import org.apache.jsieve.exception.SyntaxException;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.tests.ExecutableTest;
import org.apache.mailet.Mail;

import dev.postino.core.sieve.SieveComparator;
import dev.postino.core.sieve.SieveRelation;
import dev.postino.core.sieve.SpamTestLevel;
import dev.postino.core.sieve.SpamTestQuery;
import dev.postino.core.sieve.SpamTestQuery.MatchType;
import dev.postino.core.spam.SpamThresholds;
import dev.postino.matchers.SpamAttributes;

/**
 * RFC 3685 {@code spamtest [":comparator" string] [match-type] <value: string>}, match types
 * {@code :is} (default), {@code :contains}, {@code :matches}, and RFC 5231's {@code :value} /
 * {@code :count} followed by a relation. The tested value is the spam level of
 * {@link SpamTestLevel}, from the verdict attributes {@code SpamCheck} put on the mail.
 */
final class SpamTest implements ExecutableTest {
    static final String NAME = "spamtest";

    private final SpamThresholds thresholds;

    SpamTest(SpamThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public boolean execute(MailAdapter mail, Arguments arguments, SieveContext context) throws SyntaxException {
        SpamTestQuery query = parse(arguments.getArgumentList());
        return query.matches(Integer.toString(level(mail)));
    }

    private int level(MailAdapter adapter) {
        if (!(adapter instanceof SieveMailAdapter)) {
            return SpamTestLevel.NOT_TESTED;
        }
        Mail mail = ((SieveMailAdapter) adapter).getMail();
        return SpamAttributes.score(mail)
            .map(score -> SpamTestLevel.of(SpamAttributes.isJudgedSpam(mail), score, thresholds))
            .orElse(SpamTestLevel.NOT_TESTED);
    }

    static SpamTestQuery parse(List<Argument> arguments) throws SyntaxException {
        MatchType matchType = null;
        SieveRelation relation = null;
        SieveComparator comparator = null;
        String key = null;
        try {
            for (Iterator<Argument> it = arguments.iterator(); it.hasNext();) {
                Argument argument = it.next();
                if (key != null) {
                    throw new SyntaxException("spamtest: nothing may follow the value");
                }
                if (argument instanceof StringListArgument) {
                    key = single(argument, "the value");
                    continue;
                }
                if (!(argument instanceof TagArgument)) {
                    throw new SyntaxException("spamtest: unexpected argument " + argument);
                }
                String tag = ((TagArgument) argument).getTag().toLowerCase(Locale.ROOT);
                if (tag.equals(":comparator")) {
                    if (comparator != null) {
                        throw new SyntaxException("spamtest: :comparator given twice");
                    }
                    comparator = SieveComparator.byName(single(next(it, tag), "the comparator"));
                    continue;
                }
                if (matchType != null) {
                    throw new SyntaxException("spamtest: a second match type " + tag);
                }
                matchType = matchType(tag);
                if (matchType == MatchType.VALUE || matchType == MatchType.COUNT) {
                    relation = SieveRelation.byName(single(next(it, tag), "the relation"));
                }
            }
            if (key == null) {
                throw new SyntaxException("spamtest: the value to compare with is missing");
            }
            return SpamTestQuery.of(matchType == null ? MatchType.IS : matchType, relation,
                comparator == null ? SieveComparator.ASCII_CASEMAP : comparator, key);
        } catch (IllegalArgumentException e) {
            throw new SyntaxException("spamtest: " + e.getMessage());
        }
    }

    private static MatchType matchType(String tag) throws SyntaxException {
        switch (tag) {
            case ":is":
                return MatchType.IS;
            case ":contains":
                return MatchType.CONTAINS;
            case ":matches":
                return MatchType.MATCHES;
            case ":value":
                return MatchType.VALUE;
            case ":count":
                return MatchType.COUNT;
            default:
                // RFC 5235's :percent (spamtestplus) is not implemented.
                throw new SyntaxException("spamtest: unknown tag " + tag);
        }
    }

    private static Argument next(Iterator<Argument> it, String tag) throws SyntaxException {
        if (!it.hasNext()) {
            throw new SyntaxException("spamtest: " + tag + " needs a string after it");
        }
        return it.next();
    }

    private static String single(Argument argument, String what) throws SyntaxException {
        if (!(argument instanceof StringListArgument) || ((StringListArgument) argument).getList().size() != 1) {
            throw new SyntaxException("spamtest: " + what + " must be one string, got " + argument);
        }
        return ((StringListArgument) argument).getList().get(0);
    }
}
