package dev.postino.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.google.common.base.Ticker;

class LookupCacheTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private final LookupCache<String, Boolean> cache = new LookupCache<>(Duration.ofSeconds(10), 3, ticker);
    /** The "database": one table. */
    private final Map<String, Boolean> table = new HashMap<>(Map.of("a.test", true));
    private final AtomicInteger queries = new AtomicInteger();

    private boolean query(String key) {
        queries.incrementAndGet();
        return table.getOrDefault(key, false);
    }

    private boolean lookup(String key) {
        return cache.get(key, this::query);
    }

    @Test
    void repeatedLookupsAreAnsweredFromMemory() {
        assertThat(lookup("a.test")).isTrue();
        assertThat(lookup("a.test")).isTrue();
        assertThat(lookup("b.test")).isFalse();
        assertThat(lookup("b.test")).isFalse();
        assertThat(queries).hasValue(2);
    }

    @Test
    void aWriteOfThisServerIsSeenByTheNextLookup() {
        assertThat(lookup("b.test")).isFalse();
        table.put("b.test", true);
        cache.invalidate();
        assertThat(lookup("b.test")).isTrue();
        table.remove("a.test");
        cache.invalidate();
        assertThat(lookup("a.test")).isFalse();
    }

    @Test
    void aWriteThroughTheCacheIsSeenEvenWhenItFailedHalfWay() {
        assertThat(lookup("b.test")).isFalse();
        assertThatThrownBy(() -> cache.write(() -> {
            table.put("b.test", true);
            throw new IOException("commit answer lost");
        })).isInstanceOf(IOException.class);
        assertThat(lookup("b.test")).isTrue();
    }

    @Test
    void aWriteMadeElsewhereIsSeenAfterTheTtl() {
        assertThat(lookup("b.test")).isFalse();
        table.put("b.test", true);
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(lookup("b.test")).as("within the TTL").isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(lookup("b.test")).as("at the TTL").isTrue();
    }

    @Test
    void aLookupThatRacedAWriteDoesNotBringTheOldAnswerBack() {
        // The query reads the table, then the write commits and invalidates, then the
        // query's (old) answer is stored: the next lookup must not serve it.
        boolean answer = cache.get("b.test", key -> {
            boolean before = query(key);
            table.put("b.test", true);
            cache.invalidate();
            return before;
        });
        assertThat(answer).isFalse();
        assertThat(lookup("b.test")).isTrue();
    }

    @Test
    void aFailedQueryIsNotCached() {
        assertThatThrownBy(() -> cache.get("a.test", key -> {
            throw new IOException("database down");
        })).isInstanceOf(IOException.class);
        assertThat(lookup("a.test")).isTrue();
        assertThat(queries).hasValue(1);
    }

    @Test
    void theNumberOfAnswersKeptIsBounded() {
        for (int i = 0; i < 10; i++) {
            lookup("random" + i + ".test");
        }
        queries.set(0);
        lookup("random9.test");
        lookup("random0.test");
        assertThat(queries).as("only the most recent answers are kept").hasValue(1);
    }
}
