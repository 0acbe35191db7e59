package dev.postino.bench;

import dev.postino.core.spam.BayesClassifier;
import dev.postino.core.spam.ErrorDrivenTraining;
import dev.postino.core.spam.InMemoryTokenStore;
import dev.postino.core.spam.MessageClass;
import dev.postino.core.spam.SpamInput;
import dev.postino.core.spam.SpamScorer;
import dev.postino.core.spam.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Measures the spam check on mail it has never seen. Trains a fresh classifier on the training
 * set only (every message, as the server's training command does; or with
 * {@code --train-on-error}, {@link ErrorDrivenTraining}), scores every test message through
 * {@link SpamScorer#withDefaults} (the server's rules, bands and thresholds) and prints the score distribution, then as its last line
 * {@code spam_caught=NN.NN% ham_misfiled=N.NN% n_spam=N n_ham=N}.
 *
 * <pre>
 * SpamAccuracy --train DIR --test DIR      each DIR holds ham/ and spam/
 * SpamAccuracy --folds K --corpus DIR      K-fold cross-validation over one set
 *   --train-on-error  learn only what the classifier does not already get right (ErrorDrivenTraining)
 *   --verbose     also list every missed spam
 *   --dump FILE   write one CSV line per test message (name, truth, score, Bayes p, tests) for tuning
 * </pre>
 * Folds are assigned by a CRC-32 of the file name, so they are the same on every run and machine.
 */
public final class SpamAccuracy {
    private SpamAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        Path train = null;
        Path test = null;
        Path corpus = null;
        int folds = 0;
        boolean verbose = false;
        boolean onError = false;
        Path dump = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--train" -> train = Path.of(value(args, ++i, "--train"));
                case "--test" -> test = Path.of(value(args, ++i, "--test"));
                case "--corpus" -> corpus = Path.of(value(args, ++i, "--corpus"));
                case "--folds" -> folds = Integer.parseInt(value(args, ++i, "--folds"));
                case "--verbose" -> verbose = true;
                case "--train-on-error" -> onError = true;
                case "--dump" -> dump = Path.of(value(args, ++i, "--dump"));
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        Outcomes outcomes = new Outcomes(dump);
        if (train != null && test != null && corpus == null) {
            List<LabelledMail> training = Corpus.load(train);
            List<LabelledMail> testing = Corpus.load(test);
            System.out.printf("train=%s (%d) test=%s (%d)%n", train, training.size(), test, testing.size());
            run(training, testing, onError, outcomes);
        } else if (corpus != null && folds >= 2 && train == null && test == null) {
            List<LabelledMail> all = Corpus.load(corpus);
            System.out.printf("corpus=%s (%d) folds=%d%n", corpus, all.size(), folds);
            for (int fold = 0; fold < folds; fold++) {
                List<LabelledMail> training = new ArrayList<>();
                List<LabelledMail> testing = new ArrayList<>();
                for (LabelledMail mail : all) {
                    (foldOf(mail.name(), folds) == fold ? testing : training).add(mail);
                }
                run(training, testing, onError, outcomes);
            }
        } else {
            usage("give --train DIR --test DIR, or --folds K (K >= 2) --corpus DIR");
        }
        outcomes.print(System.out, verbose);
        outcomes.closeDump();
    }

    private static void run(List<LabelledMail> training, List<LabelledMail> testing, boolean onError,
                            Outcomes outcomes) throws IOException {
        BayesClassifier classifier = new BayesClassifier(new InMemoryTokenStore());
        if (!onError) {
            // What the server's training command and trainingDirectory do.
            for (LabelledMail mail : training) {
                classifier.learn(mail.message(), mail.truth());
            }
        } else {
            List<LabelledMail> spam = training.stream().filter(m -> m.truth() == MessageClass.SPAM).toList();
            List<LabelledMail> ham = training.stream().filter(m -> m.truth() == MessageClass.HAM).toList();
            TrainingResult result = ErrorDrivenTraining.<LabelledMail>defaults().train(classifier, spam, ham,
                LabelledMail::message);
            System.out.println("  trained: " + result);
        }
        SpamScorer scorer = SpamScorer.withDefaults(classifier);
        for (LabelledMail mail : testing) {
            outcomes.add(mail, scorer.score(SpamInput.of(mail.message(), mail.arrival())));
        }
    }

    static int foldOf(String fileName, int folds) {
        CRC32 crc = new CRC32();
        crc.update(fileName.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % folds);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("spam-accuracy: " + problem);
        System.err.println("usage: spam-accuracy --train DIR --test DIR | --folds K --corpus DIR  [--train-on-error] [--verbose] [--dump FILE]");
        System.exit(2);
    }
}
