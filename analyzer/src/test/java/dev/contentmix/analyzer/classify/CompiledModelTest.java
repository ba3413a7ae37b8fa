package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contentmix.events.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled model is the trained model: on every post of the corpus, on hostile texts and on
 * random token sequences made of the model's own vocabulary, it finds the same predicates in the same
 * order as the feature generators plus the model's map, and gives bit for bit the probability of
 * {@code maxent.eval} and {@code DocumentCategorizerME} (bit for bit because {@code train} fits the
 * calibration on it, and the shipped model must rebuild byte for byte).
 */
class CompiledModelTest {

    private static DoccatModel model;
    private static MaxentModel maxent;
    private static Map<String, Context> pmap;
    private static FeatureGenerator[] generators;
    private static DocumentCategorizerME categorizer;
    private static int salesIndex;
    private static CompiledModel compiled;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        model = Trainer.read(Classifiers.readDefaultBytes());
        maxent = model.getMaxentModel();
        pmap = (Map<String, Context>) ((AbstractModel) maxent).getDataStructures()[1];
        generators = model.getFactory().getFeatureGenerators();
        categorizer = new DocumentCategorizerME(model);
        salesIndex = maxent.getIndex(Trainer.outcome(Label.SALES));
        compiled = CompiledModel.of(model);
        assertNotNull(compiled, "the shipped model must compile");
    }

    private static String[] features(String[] tokens) {
        List<String> all = new ArrayList<>();
        for (FeatureGenerator g : generators) {
            all.addAll(g.extractFeatures(tokens, Map.of()));
        }
        return all.toArray(new String[0]);
    }

    /** Same predicates in the same order, same probability as OpenNLP, to the last bit. */
    private static void assertSameAsOpenNlp(String[] tokens, String what) {
        String[] features = features(tokens);
        List<String> known = new ArrayList<>();
        for (String f : features) {
            if (pmap.containsKey(f)) {
                known.add(f);
            }
        }
        CompiledModel.Hits hits = compiled.hits(tokens);
        List<String> found = new ArrayList<>(hits.count());
        for (int k = 0; k < hits.count(); k++) {
            found.add(compiled.name(hits.predicates()[k]));
        }
        assertEquals(known, found, what);
        double expected = maxent.eval(features)[salesIndex];
        assertEquals(expected, compiled.rawSalesProbability(tokens), 0.0, what);
        assertEquals(categorizer.categorize(tokens)[salesIndex], compiled.rawSalesProbability(hits), 0.0, what);
    }

    @Test
    void everyPostOfTheCorpusScoresExactlyAsOpenNlp() throws Exception {
        Corpus corpus = Corpus.load(RepositoryCorpus.dir());
        assertTrue(corpus.size() > 1000, "corpus of " + corpus.size());
        int hitsOnPairs = 0;
        for (LabeledPost p : corpus.all()) {
            String[] tokens = TextNormalizer.tokens(p.text());
            assertSameAsOpenNlp(tokens, p.id());
            CompiledModel.Hits hits = compiled.hits(tokens);
            for (int k = 0; k < hits.count(); k++) {
                hitsOnPairs += compiled.name(hits.predicates()[k]).contains(" ") ? 1 : 0;
            }
        }
        assertTrue(hitsOnPairs > corpus.size(), "pairs are found without building them: " + hitsOnPairs);
    }

    @Test
    void hostileTextsScoreExactlyAsOpenNlp() {
        List<String> texts = List.of(
                "", " ", "\n\n\n", ".", "?", "??? !!! ...", "🌸", "🌸🌸🌸 🔥🔥 👉👉", "👍🏽👍🏽👍🏽",
                "\uD83C", "\uDF38\uD83C", "a\uD800b\uDC00c", "€", "$", "<s>", "<s> <s>", "end=shop now",
                "x".repeat(10_000), "shop ".repeat(2_000), "Shop now. ".repeat(1_000),
                ("word" + "y".repeat(200) + " ").repeat(50) + "link in bio",
                "#a #b #c #d $5 30% WARM30 https://x.io @dana", "@ana thanks! It is $49 at shop.com",
                "ﾃｽﾄ 中文 العربية русский ελληνικά", "\u0000\u0001\u001f\u007f", "𝐍𝐄𝐖 𝐃𝐑𝐎𝐏 link in bio 𝟏𝟐");
        for (String text : texts) {
            assertSameAsOpenNlp(TextNormalizer.tokens(text), text.length() > 40 ? text.substring(0, 40) + "…" : text);
        }
    }

    @Test
    void randomTokenSequencesFromTheModelsOwnVocabularyScoreExactlyAsOpenNlp() {
        // snippets made of the model's predicate names (split at every space and '=') and of the cue lexicon's
        // phrases (stems extended, wildcards filled), so that words, pairs, endings and cue phrases hit far more
        // often than in posts; and tokens no feature knows, grammar words, boundaries, placeholders
        List<String[]> snippets = new ArrayList<>();
        for (String t : List.of(TextNormalizer.BOUNDARY, "the", "of", "and", "", "<", "#", "zzqx", "a b", "shop now",
                "end=shop", "cue:buy", "?", "🌸", TextNormalizer.PRICE, TextNormalizer.URL, TextNormalizer.MENTION,
                TextNormalizer.CODE, TextNormalizer.PERCENT)) {
            snippets.add(new String[]{t});
        }
        for (String name : pmap.keySet()) {
            snippets.add(new String[]{name});
            snippets.add(name.split("[ =]"));
            for (int k = name.indexOf(' '); k >= 0; k = name.indexOf(' ', k + 1)) {
                snippets.add(new String[]{name.substring(0, k), name.substring(k + 1)});
            }
        }
        for (Cues.Pattern c : Cues.patterns()) {
            String[] phrase = new String[c.words().length];
            for (int k = 0; k < phrase.length; k++) {
                String w = c.words()[k];
                phrase[k] = w == null ? "any" : c.prefix()[k] ? w + "ing" : w;
            }
            for (int copies = 0; copies < 10; copies++) {
                snippets.add(phrase);
            }
        }
        Random random = new Random(42);
        int cues = 0;
        int pairs = 0;
        for (int round = 0; round < 20_000; round++) {
            List<String> tokens = new ArrayList<>();
            int length = random.nextInt(30);
            while (tokens.size() < length) {
                for (String t : snippets.get(random.nextInt(snippets.size()))) {
                    // new strings: equal to, never the same object as, the model's keys and the constants
                    tokens.add(new String(t));
                }
            }
            String[] array = tokens.toArray(new String[0]);
            assertSameAsOpenNlp(array, String.join("|", array));
            cues += new CueFeatureGenerator().extractFeatures(array, Map.of()).size();
            for (String f : new BigramFeatureGenerator().extractFeatures(array, Map.of())) {
                pairs += pmap.containsKey(f) ? 1 : 0;
            }
        }
        assertTrue(cues > 5000, "cue features compared: " + cues);
        assertTrue(pairs > 5000, "known pairs compared: " + pairs);
    }

    @Test
    void signalsFromTheCompiledModelAreTheSignalsFromFeatureStrings() throws Exception {
        Signals signals = new Signals(maxent);
        int valueIndex = maxent.getIndex(Trainer.outcome(Label.VALUE));
        int nonEmpty = 0;
        for (LabeledPost p : Corpus.load(RepositoryCorpus.dir()).all()) {
            TextNormalizer.Normalized n = TextNormalizer.normalize(p.text());
            CompiledModel.Hits hits = compiled.hits(n.tokens());
            String[] features = features(n.tokens());
            List<String> sales = signals.top(features, n, salesIndex, valueIndex);
            assertEquals(sales, Signals.top(compiled, hits, n, true), p.id());
            assertEquals(signals.top(features, n, valueIndex, salesIndex), Signals.top(compiled, hits, n, false), p.id());
            nonEmpty += sales.isEmpty() ? 0 : 1;
        }
        assertTrue(nonEmpty > 1000, "signals compared on " + nonEmpty + " posts");
    }

    @Test
    void anyQnModelOfTheseGeneratorsCompilesWithItsOwnGeneratorOrder() {
        // the cross-validation folds are such models; a subset in another order checks the stage order
        List<FeatureGenerator[]> recipes = List.of(Trainer.featureGenerators(),
                new FeatureGenerator[]{new TailFeatureGenerator(), new ShapeFeatureGenerator(), new WordFeatureGenerator()});
        for (FeatureGenerator[] recipe : recipes) {
            DoccatModel m = Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, Calibration.IDENTITY, recipe);
            OpenNlpClassifier c = new OpenNlpClassifier(m, "qn", null);
            assertTrue(c.isCompiled());
            DocumentCategorizerME me = new DocumentCategorizerME(m);
            int sales = m.getMaxentModel().getIndex(Trainer.outcome(Label.SALES));
            for (LabeledPost p : TinyCorpus.posts()) {
                String text = p.text() + ". Shop now";
                assertEquals(me.categorize(TextNormalizer.tokens(text))[sales], c.rawSalesProbability(text), 0.0, text);
            }
        }
    }

    @Test
    void otherAlgorithmsOrGeneratorsAreNotCompiledAndStillClassify() {
        DoccatModel gis = Trainer.train(TinyCorpus.posts(), new Algorithm("GIS", 20, 1, 0), Calibration.IDENTITY);
        DoccatModel bagOfWords = Trainer.train(TinyCorpus.posts(), TinyCorpus.QUICK, Calibration.IDENTITY,
                new FeatureGenerator[]{new WordFeatureGenerator(), new BagOfWordsFeatureGenerator()});
        for (DoccatModel m : List.of(gis, bagOfWords)) {
            assertNull(CompiledModel.of(m));
            OpenNlpClassifier c = new OpenNlpClassifier(m, "other", null);
            assertFalse(c.isCompiled());
            String text = "Shop now: 20% off with code SUMMER20";
            assertEquals(new DocumentCategorizerME(m).categorize(TextNormalizer.tokens(text))[m.getMaxentModel().getIndex("sales")],
                    c.rawSalesProbability(text), 0.0);
            assertFalse(c.classify(text).signals().isEmpty());
        }
    }

    @Test
    void theShippedClassifierRunsCompiled() {
        OpenNlpClassifier shipped = new OpenNlpClassifier(model, "t", null);
        assertTrue(shipped.isCompiled());
        String text = "Our spring menu is here 🌸 Reserve your table for this weekend: link in bio";
        assertEquals(maxent.eval(features(TextNormalizer.tokens(text)))[salesIndex], shipped.rawSalesProbability(text), 0.0);
        assertEquals(Label.SALES, shipped.classify(text).label());
    }
}
