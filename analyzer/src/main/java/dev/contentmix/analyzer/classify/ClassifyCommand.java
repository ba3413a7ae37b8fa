package dev.contentmix.analyzer.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentmix.events.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code classify}: labels one text given as arguments, or every line of stdin (JSON objects with a
 * {@code text} field, whose {@code id} is echoed, or plain text lines), with label, confidence,
 * language and signals; {@code --json} prints one JSON object per input.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Label a post as sales or value: TEXT as arguments, or JSONL/plain lines on stdin.")
public final class ClassifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The post's text (words are joined by spaces). Without it, read stdin.")
    List<String> text;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model file (default: the shipped model).")
    Path model;

    @Option(names = "--json", description = "Print JSON (one object per line) instead of text.")
    boolean json;

    /** stdin; a field so that tests can feed lines. */
    InputStream in = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PostClassifier classifier;
        try {
            classifier = model == null ? Classifiers.loadDefault() : Classifiers.load(model);
        } catch (NoSuchFileException e) {
            err.println("classify: no such model file: " + model);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("classify: cannot load model " + (model == null ? "(shipped)" : model) + ": " + e.getMessage());
            return model == null ? 1 : 2;
        }
        if (text != null && !text.isEmpty()) {
            String joined = String.join(" ", text);
            if (joined.isBlank()) {
                err.println("classify: the text is blank");
                return 2;
            }
            Prediction p = classifier.classify(joined);
            if (json) {
                out.println(Json.writeString(toJson(null, joined, p, classifier.modelVersion())));
            } else {
                out.printf(Locale.ROOT, "label: %s%nconfidence: %.2f%nlanguage: %s%nsignals: %s%n",
                        EvaluateCommand.name(p.label()), p.confidence(), p.language(),
                        p.signals().isEmpty() ? "-" : String.join(", ", p.signals()));
            }
            out.flush();
            return 0;
        }
        int classified = 0;
        int skipped = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String id = null;
                String post = line;
                if (line.stripLeading().startsWith("{")) {
                    try {
                        JsonNode node = Json.MAPPER.readTree(line);
                        JsonNode t = node.get("text");
                        if (t == null || !t.isTextual() || t.asText().isBlank()) {
                            err.println("line " + number + ": no text in a 'text' field, skipped");
                            skipped++;
                            continue;
                        }
                        post = t.asText();
                        JsonNode i = node.get("id");
                        id = i == null || i.isNull() ? null : i.asText();
                    } catch (IOException e) {
                        err.println("line " + number + ": not valid JSON, skipped");
                        skipped++;
                        continue;
                    }
                }
                Prediction p = classifier.classify(post);
                if (json) {
                    out.println(Json.writeString(toJson(id, post, p, classifier.modelVersion())));
                } else {
                    out.printf(Locale.ROOT, "%s\t%.2f\t%s\t%s\t%s%n", EvaluateCommand.name(p.label()), p.confidence(),
                            p.language(), p.signals().isEmpty() ? "-" : String.join("; ", p.signals()),
                            id != null ? id : EvaluateCommand.preview(post));
                }
                classified++;
            }
        } catch (IOException e) {
            err.println("classify: cannot read stdin: " + e.getMessage());
            return 1;
        }
        out.flush();
        if (classified == 0 && skipped == 0) {
            err.println("classify: nothing to classify: give a TEXT argument or lines on stdin");
            return 2;
        }
        return skipped > 0 && classified == 0 ? 2 : 0;
    }

    private static ObjectNode toJson(String id, String text, Prediction p, String version) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (id != null) {
            node.put("id", id);
        }
        node.put("label", EvaluateCommand.name(p.label()));
        node.put("confidence", Math.round(p.confidence() * 10000) / 10000.0);
        node.put("language", p.language());
        node.putPOJO("signals", p.signals());
        node.put("modelVersion", version);
        node.put("text", text);
        return node;
    }
}
