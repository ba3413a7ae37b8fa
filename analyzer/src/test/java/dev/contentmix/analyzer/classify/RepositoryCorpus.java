package dev.contentmix.analyzer.classify;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code corpus/}, found from the working directory (Maven runs tests in the module). */
final class RepositoryCorpus {

    private RepositoryCorpus() {
    }

    static Path dir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("corpus").resolve("en"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no corpus/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("corpus");
    }
}
