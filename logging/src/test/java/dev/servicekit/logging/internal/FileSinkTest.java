package dev.servicekit.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

  @Test
  void createsParentFoldersAndAppendsToAnExistingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a/b/app.log");
    FileSink first = new FileSink(file);
    first.write("one\n".getBytes(StandardCharsets.UTF_8), 0, 4);
    first.close();
    FileSink second = new FileSink(file);
    byte[] two = "xtwo\n".getBytes(StandardCharsets.UTF_8);
    second.write(two, 1, 4);
    second.close();
    assertThat(Files.readString(file)).isEqualTo("one\ntwo\n");
  }

  @Test
  void aFileThatCannotBeOpenedFallsBackToStdout(@TempDir Path dir) throws Exception {
    Path blocker = dir.resolve("not-a-folder");
    Files.writeString(blocker, "x");
    LogConfig config =
        Events.config("servicekit.log.output", "file", "servicekit.log.file", blocker + "/app.log");
    assertThat(JsonLoggerFactory.openSink(config)).isInstanceOf(StandardStreamSink.class);
  }
}
