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
 *     --store var/postino/spam-tokens [--train-on-error] DIR [DIR...]
 * </pre>
 *
 * Each {@code DIR} holds {@code spam/} and {@code ham/}; every message is learned. A file that
 * cannot be read or is not a message is named on standard error and skipped.
 * {@code --train-on-error} learns only what the classifier does not already get right
 * ({@link dev.postino.core.spam.ErrorDrivenTraining}): a store a third the size, at about the same
 * accuracy. Learning adds to what the file already holds. Run it while James is stopped: a running server keeps its own copy in
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
        boolean onError = first < args.length && args[first].equals("--train-on-error");
        if (onError) {
            first++;
        }
        if (store == null || first >= args.length) {
            System.err.println("usage: TrainSpamStore --store FILE [--train-on-error] DIR [DIR...]   (each DIR holds spam/ and ham/)");
            System.exit(2);
            return;
        }
        FileTokenStore tokens = FileTokenStore.open(store);
        BayesClassifier classifier = new BayesClassifier(tokens);
        for (int i = first; i < args.length; i++) {
            Path dir = Paths.get(args[i]);
            String report = onError ? SpamTraining.trainDirectory(classifier, dir, System.err::println).toString()
                : "learned " + SpamTraining.learnDirectory(classifier, dir, System.err::println);
            System.out.println(args[i] + ": " + report);
        }
        tokens.save();
        System.out.println(store + ": " + tokens.totals().spam() + " spam and " + tokens.totals().ham()
            + " ham messages learned in all" + (classifier.isTrained() ? "" : " (too few: the classifier abstains until "
            + BayesClassifier.DEFAULT_MIN_MESSAGES + " of each)"));
    }
}
