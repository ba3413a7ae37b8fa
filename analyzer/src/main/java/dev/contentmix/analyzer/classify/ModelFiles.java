package dev.contentmix.analyzer.classify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import opennlp.tools.doccat.DoccatModel;

/**
 * Writes an OpenNLP model file whose bytes depend only on the model, so that training twice on
 * the same corpus gives the same file. OpenNLP's own serialisation is not: it stamps every zip
 * entry with the current time, writes the training time into the manifest ({@code Timestamp}),
 * and {@link Properties#store} adds the current date as a comment. We rewrite the zip with a fixed
 * entry time, the manifest with sorted lines and no date, and the timestamp as 0.
 */
final class ModelFiles {

    /** Zip entry time of every entry; any fixed value in the DOS date range would do. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    private ModelFiles() {
    }

    static byte[] canonicalBytes(DoccatModel model) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        model.serialize(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.size());
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(raw.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("manifest.properties")) {
                    content = canonicalManifest(content);
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(copy);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] canonicalManifest(byte[] content) throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(content));
        properties.setProperty("Timestamp", "0");
        StringWriter written = new StringWriter();
        properties.store(written, null);
        // store() escapes line breaks inside values, so one entry is one line; drop the date comment
        List<String> lines = new ArrayList<>();
        for (String line : written.toString().split("\\R")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        lines.sort(null);
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
