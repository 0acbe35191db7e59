package dev.postino.spam;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import dev.postino.core.spam.BayesClassifier;

/**
 * The training command: learns {@code .eml} folders into a server's token store file.
 *
 * <pre>
 * java -cp extensions-jars/postino-VERSION.jar dev.postino.spam.TrainSpamStore \
 *     --store var/postino/spam-tokens [--learn-all] DIR [DIR...]
 * </pre>
 *
 * Each {@code DIR} holds {@code spam/} and {@code ham/}. By default it trains on error
 * ({@link dev.postino.core.spam.ErrorDrivenTraining}): only what the classifier does not already
 * get right is learned. {@code --learn-all} learns every message instead. Learning adds to what
 * the file already holds. Run it while James is stopped: a running server keeps its own copy in
 * memory.
 */
public final class TrainSpamStore {
    private TrainSpamStore() {
    }

    public static void main(String[] args) throws IOException {
        Path store = null;
        int first = 0;
        if (args.length >= 2 && args[0].equals("--store")) {
            store = Paths.get(args[1]);
            first = 2;
        }
        boolean learnAll = first < args.length && args[first].equals("--learn-all");
        if (learnAll) {
            first++;
        }
        if (store == null || first >= args.length) {
            System.err.println("usage: TrainSpamStore --store FILE [--learn-all] DIR [DIR...]   (each DIR holds spam/ and ham/)");
            System.exit(2);
            return;
        }
        FileTokenStore tokens = FileTokenStore.open(store);
        BayesClassifier classifier = new BayesClassifier(tokens);
        for (int i = first; i < args.length; i++) {
            Path dir = Paths.get(args[i]);
            String report = learnAll ? "learned " + SpamTraining.learnDirectory(classifier, dir)
                : SpamTraining.trainDirectory(classifier, dir).toString();
            System.out.println(args[i] + ": " + report);
        }
        tokens.save();
        System.out.println(store + ": " + tokens.totals().spam() + " spam and " + tokens.totals().ham()
            + " ham messages learned in all" + (classifier.isTrained() ? "" : " (too few: the classifier abstains until "
            + BayesClassifier.DEFAULT_MIN_MESSAGES + " of each)"));
    }
}
