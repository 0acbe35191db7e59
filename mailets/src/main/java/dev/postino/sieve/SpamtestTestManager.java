package dev.postino.sieve;

import java.util.ArrayList;
import java.util.List;

import org.apache.jsieve.TestManager;
import org.apache.jsieve.exception.LookupException;
import org.apache.jsieve.tests.ExecutableTest;

import dev.postino.core.spam.SpamThresholds;

/**
 * jsieve's tests plus {@code spamtest} and the {@code relational} requirement. jsieve's own
 * manager loads test classes by name through its class loader, which does not see the drop-in
 * jar; this one builds ours directly and asks jsieve's for every other name.
 */
public final class SpamtestTestManager implements TestManager {
    private final TestManager jsieveTests;
    private final SpamThresholds thresholds;

    public SpamtestTestManager(TestManager jsieveTests, SpamThresholds thresholds) {
        this.jsieveTests = jsieveTests;
        this.thresholds = thresholds;
    }

    @Override
    public ExecutableTest getTest(String name) throws LookupException {
        if (SpamTest.NAME.equalsIgnoreCase(name)) {
            return new SpamTest(thresholds);
        }
        if (RelationalRequirement.NAME.equalsIgnoreCase(name)) {
            return new RelationalRequirement();
        }
        return jsieveTests.getTest(name);
    }

    @Override
    public List<String> getExtensions() {
        List<String> names = new ArrayList<>(jsieveTests.getExtensions());
        names.add(SpamTest.NAME);
        names.add(RelationalRequirement.NAME);
        return names;
    }
}
