package dev.contentmix.analyzer.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentmix.events.Json;
import dev.contentmix.events.Label;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, List<String> lines) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void classifyOneText() {
        Run r = run(new ClassifyCommand(), "Shop now: 30% off everything with code WARM30");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("label: sales\nconfidence: "), r.out());
        assertTrue(r.out().contains("language: en") && r.out().contains("signals: "), r.out());
    }

    @Test
    void classifyStdinLinesAsJsonAndReportBadLinesByNumber() throws Exception {
        ClassifyCommand command = new ClassifyCommand();
        command.in = new ByteArrayInputStream(String.join("\n",
                "{\"id\":\"p1\",\"text\":\"Book a demo today and see it live\"}",
                "{\"text\": broken",
                "Three ways to descale your espresso machine",
                "").getBytes(StandardCharsets.UTF_8));
        Run r = run(command, "--json");
        assertEquals(0, r.exit());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        JsonNode first = Json.MAPPER.readTree(lines[0]);
        assertEquals("p1", first.get("id").asText());
        assertEquals("sales", first.get("label").asText());
        assertTrue(first.get("confidence").asDouble() >= 0.5);
        assertTrue(first.get("signals").isArray());
        assertEquals("value", Json.MAPPER.readTree(lines[1]).get("label").asText());
        assertEquals("line 2: not valid JSON, skipped\n", r.err());
    }

    @Test
    void classifyWithNothingToReadIsAUsageError() {
        ClassifyCommand command = new ClassifyCommand();
        command.in = new ByteArrayInputStream(new byte[0]);
        Run r = run(command);
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void evaluatePrintsFiguresAndTheMistakes() throws Exception {
        Path f = file("eval.jsonl", List.of(
                "{\"text\":\"48 hours only: 30% off with code WARM30. Shop now\",\"label\":\"SALES\",\"difficulty\":\"easy\",\"lang\":\"en\"}",
                "{\"text\":\"So sorry, we've sent a replacement\",\"label\":\"value\",\"difficulty\":\"hard\",\"lang\":\"en\"}",
                "{\"text\":\"Flash sale today only, everything $10, link in bio\",\"label\":\"value\",\"difficulty\":\"hard\",\"lang\":\"en\"}",
                "{\"text\":\"Reserva tu mesa ya, link en bio\",\"label\":\"Sales\",\"lang\":\"es\"}"));
        Run r = run(new EvaluateCommand(), f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("macro-F1"), r.out());
        assertTrue(r.out().contains("confusion"), r.out());
        assertTrue(r.out().contains("misclassified: 1"), r.out());
        assertTrue(r.out().contains("Flash sale today only"), "the mistake is listed: " + r.out());
    }

    @Test
    void evaluateJsonIsOneObjectWithTheContractFields() throws Exception {
        Path f = file("eval.jsonl", List.of(
                "{\"text\":\"Shop the sale now: 40% off, code FALL40\",\"label\":\"sales\",\"difficulty\":\"easy\",\"lang\":\"en\"}",
                "{\"text\":\"How to fold a hoodie in three steps\",\"label\":\"value\",\"difficulty\":\"hard\",\"lang\":\"en\"}",
                "{\"text\":\"whatever\",\"label\":\"spam\"}"));
        Run r = run(new EvaluateCommand(), f.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(2, j.get("total").asInt());
        for (String path : List.of("/accuracy", "/macroF1", "/perClass/sales/precision", "/perClass/sales/recall",
                "/perClass/sales/f1", "/perClass/value/f1", "/byDifficulty/easy/macroF1", "/byDifficulty/hard/macroF1",
                "/byLang/en/macroF1")) {
            assertFalse(j.at(path).isMissingNode(), path + " in " + r.out());
        }
        assertTrue(r.err().contains("eval.jsonl:3: label must be 'sales' or 'value', got 'spam'"), r.err());
        assertEquals(1, r.out().strip().lines().count(), "one JSON object on one line");
    }

    @Test
    void evaluateUserMistakesExitTwoWithOneLineAndNoStackTrace() throws Exception {
        for (String[] args : List.of(new String[]{dir.resolve("missing.jsonl").toString()},
                new String[]{file("bad.jsonl", List.of("{\"text\":\"x\",\"label\":\"maybe\"}")).toString()},
                new String[]{file("ok.jsonl", List.of("{\"text\":\"x\",\"label\":\"sales\"}")).toString(), "--folds", "1"})) {
            Run r = run(new EvaluateCommand(), args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
        Run noArgs = run(new EvaluateCommand());
        assertEquals(2, noArgs.exit());
    }

    @Test
    void evaluateWithFoldsCrossValidatesTheFile() throws Exception {
        List<String> lines = new ArrayList<>();
        for (LabeledPost p : TinyCorpus.posts()) {
            lines.add(Json.writeString(java.util.Map.of("id", p.id(), "text", p.text(), "label", p.label().name())));
        }
        for (LabeledPost p : TinyCorpus.posts()) {
            lines.add(Json.writeString(java.util.Map.of("id", p.id() + "b", "text", p.text() + " today", "label", p.label().name())));
        }
        Run r = run(new EvaluateCommand(), file("cv.jsonl", lines).toString(), "--folds", "2", "--algorithm", "QN:50:1:0.1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(48, j.get("total").asInt());
        assertTrue(j.get("source").asText().startsWith("2-fold cross-validation"));
    }

    @Test
    void trainWritesAModelAndPrintsHeldOutFigures() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int copy = 0; copy < 4; copy++) {
            for (LabeledPost p : TinyCorpus.posts()) {
                lines.add(Json.writeString(java.util.Map.of("id", p.id() + "-" + copy, "text", p.text() + " #" + copy,
                        "label", p.label().name(), "difficulty", p.difficulty(), "lang", "en")));
            }
        }
        Path corpus = file("corpus.jsonl", lines);
        Path model = dir.resolve("out/model.bin");
        Run r = run(new TrainCommand(), "--corpus", corpus.toString(), "-o", model.toString(), "--folds", "2",
                "--algorithm", "QN:50:1:0.1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(model) > 0);
        assertTrue(r.out().contains("held out:"), r.out());
        assertEquals(Label.SALES, Classifiers.load(model).classify("Shop now, 20% off").label());
    }

    @Test
    void trainOnTooLittleDataSaysSo() throws Exception {
        Path corpus = file("small.jsonl", List.of("{\"text\":\"Shop now\",\"label\":\"sales\"}", "{\"text\":\"Hello\",\"label\":\"value\"}"));
        Run r = run(new TrainCommand(), "--corpus", corpus.toString(), "-o", dir.resolve("m.bin").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("train: too little data to train"), r.err());
        assertFalse(Files.exists(dir.resolve("m.bin")));
    }
}
