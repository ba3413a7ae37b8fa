package dev.contentmix.benchmarks;

import dev.contentmix.analyzer.classify.Classifiers;
import dev.contentmix.analyzer.classify.CompiledModel;
import dev.contentmix.analyzer.classify.Corpus;
import dev.contentmix.analyzer.classify.LabeledPost;
import dev.contentmix.analyzer.classify.PostClassifier;
import dev.contentmix.analyzer.classify.Prediction;
import dev.contentmix.analyzer.classify.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.tokenize.WhitespaceTokenizer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Classifying one typical post on one thread, side by side in the same run:
 * <ul>
 *   <li>{@code stock}: OpenNLP as it comes: {@code WhitespaceTokenizer}, {@code BagOfWordsFeatureGenerator},
 *       GIS with its default parameters, trained at setup on the same training posts as the shipped model;</li>
 *   <li>{@code contentmix}: the same steps with this project's pieces: {@code TextNormalizer}, the shipped
 *       model's feature generators, its maxent model, through the same {@code DocumentCategorizerME};</li>
 *   <li>{@code contentmixCompiled}: the same model as the analyzer evaluates it: {@code TextNormalizer}, then
 *       {@code CompiledModel}, which replays the feature generators over the tokens without building feature
 *       strings and gives the same probability as {@code contentmix} to the last bit;</li>
 *   <li>{@code contentmixFull}: {@code PostClassifier.classify} as the analyzer calls it, which adds
 *       calibration, signals and language detection (for reference; not part of the comparison).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar} from the repository root (the corpus is read
 * from {@code corpus/}, or from {@code -p corpus=DIR}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class ClassifyBenchmark {

    /** A post of the corpus's median length (about 21 words, 130 characters), written for the benchmark. */
    static final String TYPICAL = "Our spring menu is here 🌸 Wild garlic gnocchi, lamb with salsa verde "
            + "and a rhubarb tart. Reserve your table for this weekend: link in bio";

    @Param("corpus")
    public String corpus;

    private DocumentCategorizerME stock;
    private DocumentCategorizerME contentmix;
    private CompiledModel compiled;
    private PostClassifier full;

    @Setup
    public void setUp() throws IOException {
        full = Classifiers.loadDefault();
        try (InputStream in = Classifiers.class.getResourceAsStream(Classifiers.DEFAULT_MODEL_RESOURCE)) {
            DoccatModel model = new DoccatModel(in);
            contentmix = new DocumentCategorizerME(model);
            compiled = CompiledModel.of(model);
        }
        List<DocumentSample> samples = new ArrayList<>();
        for (LabeledPost p : Corpus.load(Path.of(corpus)).training()) {
            samples.add(new DocumentSample(p.label().name().toLowerCase(Locale.ROOT),
                    WhitespaceTokenizer.INSTANCE.tokenize(p.text())));
        }
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put("PrintMessages", false);
        stock = new DocumentCategorizerME(DocumentCategorizerME.train("en",
                ObjectStreamUtils.createObjectStream(samples), parameters, new DoccatFactory()));
    }

    @Benchmark
    public String stock() {
        return stock.getBestCategory(stock.categorize(WhitespaceTokenizer.INSTANCE.tokenize(TYPICAL)));
    }

    @Benchmark
    public String contentmix() {
        return contentmix.getBestCategory(contentmix.categorize(TextNormalizer.tokens(TYPICAL)));
    }

    @Benchmark
    public String contentmixCompiled() {
        // the more probable of the two outcomes, named as getBestCategory names it
        return compiled.rawSalesProbability(TextNormalizer.tokens(TYPICAL)) >= 0.5 ? "sales" : "value";
    }

    @Benchmark
    public Prediction contentmixFull() {
        return full.classify(TYPICAL);
    }
}
