package dev.servicekit.examples.logquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSourcesTest {

  @TempDir Path dir;

  @Test
  void noInputMeansStandardInput() throws IOException {
    assertThat(LogSources.expand(List.of())).containsExactly(LogSources.Source.STDIN);
    assertThat(LogSources.expand(List.of("-")).get(0).isStdin()).isTrue();
  }

  @Test
  void directoriesExpandToTheirLogFilesInPathOrderSkippingHiddenOnes() throws IOException {
    Files.createDirectories(dir.resolve("b"));
    Files.createDirectories(dir.resolve(".cache"));
    Files.writeString(dir.resolve("b/shipping.log"), "");
    Files.writeString(dir.resolve("a.jsonl"), "");
    Files.writeString(dir.resolve("notes.md"), "");
    Files.writeString(dir.resolve(".cache/x.log"), "");

    assertThat(LogSources.expand(List.of(dir.toString())))
        .extracting(LogSources.Source::path)
        .containsExactly(dir.resolve("a.jsonl"), dir.resolve("b/shipping.log"));
  }

  @Test
  void aFileNamedExplicitlyIsReadWhateverItsName() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.md"), "");

    assertThat(LogSources.expand(List.of(notes.toString())))
        .extracting(LogSources.Source::path)
        .containsExactly(notes);
  }

  @Test
  void aMissingInputIsAnError() {
    assertThatThrownBy(() -> LogSources.expand(List.of(dir.resolve("nope.log").toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no such file or directory");
  }
}
