package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Label;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;
import org.junit.jupiter.api.Test;

class TrainerTest {

    @Test
    void trainsOnATinyInMemorySetAndGetsTheObviousCasesRight() {
        DoccatModel model = Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, Calibration.IDENTITY);
        OpenNlpClassifier c = new OpenNlpClassifier(model, "test", null);
        assertEquals(Label.SALES, c.classify("Shop now: 20% off with code SUMMER20").label());
        assertEquals(Label.VALUE, c.classify("So sorry about the delay, we've sent a replacement").label());
        Prediction p = c.classify("anything at all");
        assertTrue(p.confidence() >= 0.5 && p.confidence() <= 1, "confidence of the chosen label: " + p.confidence());
    }

    @Test
    void refusesTooLittleDataWithAClearMessage() {
        List<LabeledPost> few = TinyCorpus.posts().stream().filter(p -> p.label() == Label.VALUE || p.id().equals("s-0")).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(few, TinyCorpus.QUICK, Calibration.IDENTITY));
        assertEquals("too little data to train: need at least 5 sales and 5 value posts, got 1 sales and 12 value",
                e.getMessage());
    }

    @Test
    void trainingTwiceGivesTheSameBytes() {
        byte[] first = Trainer.bytes(Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, new Calibration(0.9, 0.1)));
        byte[] second = Trainer.bytes(Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, new Calibration(0.9, 0.1)));
        assertArrayEquals(first, second, "zip timestamps, manifest dates and iteration order must not leak into the file");
    }

    @Test
    void modelFileRoundTripsWithItsCalibration() throws Exception {
        DoccatModel model = Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, new Calibration(0.8, -0.2));
        byte[] bytes = Trainer.bytes(model);
        DoccatModel read = Trainer.read(bytes);
        assertEquals(new Calibration(0.8, -0.2), Trainer.calibrationOf(read));
        OpenNlpClassifier before = new OpenNlpClassifier(model, "a", null);
        OpenNlpClassifier after = new OpenNlpClassifier(read, "b", null);
        assertEquals(before.salesProbability("Shop now, link in bio"), after.salesProbability("Shop now, link in bio"), 1e-12);
    }

    @Test
    void heldOutSplitIsFixedByIdAndAboutAFifth() {
        int held = 0;
        for (int i = 0; i < 5000; i++) {
            String id = "post-" + i;
            assertEquals(Corpus.isHeldOut(id), Corpus.isHeldOut(new String(id)));
            held += Corpus.isHeldOut(id) ? 1 : 0;
        }
        assertTrue(held > 900 && held < 1100, "held out " + held + " of 5000");
        Corpus c = Corpus.of(TinyCorpus.posts());
        assertEquals(c.size(), c.training().size() + c.heldOut().size());
        assertTrue(c.heldOut().stream().allMatch(p -> Corpus.isHeldOut(p.id())));
    }
}
