package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped model is exactly what {@code train} builds from the repository's corpus: same bytes.
 * An integration test (failsafe, {@code mvn -pl analyzer verify}) because it trains on the whole
 * corpus six times (five cross-validation folds for the calibration, then the final model), which
 * takes several seconds. When it fails after the corpus changed, rebuild the model with
 * {@code ./contentmix train} and commit it.
 */
class ShippedModelIT {

    @Test
    void shippedModelIsABitForBitRebuildOfTheCorpus() throws Exception {
        Path corpus = RepositoryCorpus.dir();
        ModelBuilder.Result fresh = ModelBuilder.build(Corpus.load(corpus), ModelBuilder.DEFAULT_ALGORITHM,
                ModelBuilder.DEFAULT_FOLDS);
        assertEquals(OpenNlpClassifier.sha256(Classifiers.readDefaultBytes()), OpenNlpClassifier.sha256(fresh.modelBytes()),
                "the shipped model is stale or not reproducible: run ./contentmix train and commit "
                        + Classifiers.DEFAULT_MODEL_SOURCE);
        assertTrue(fresh.heldOut().macroF1() > 0.9, "held-out macro-F1 " + fresh.heldOut().macroF1());
    }
}
