package dev.servicekit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servicekit.config.ModuleDescriptors;
import dev.servicekit.config.ServiceConfig;
import dev.servicekit.logging.modulepath.ModulePathMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * servicekit-logging booted on the module path, in a child JVM: its module-info alone must bind it
 * to SLF4J, the JDK's {@link System.LoggerFinder} and commons-logging 1.2 (each line names the
 * implementation that was bound, since the JDK's and commons-logging's defaults would reach the
 * JSON output through {@code java.util.logging} too), and every line it writes is JSON. The rest of
 * the suite runs on the class path.
 */
class ModulePathTest {

  @Test
  void slf4jAndTheJdkFindServicekitThroughItsModuleInfoWithoutCommonsLogging(@TempDir Path dir)
      throws Exception {
    List<JsonNode> lines = run(dir, List.of(), "");
    assertThat(lines)
        .extracting(l -> l.get("message").asText())
        .containsExactlyInAnyOrder(
            "slf4j bound dev.servicekit.logging.internal.JsonLoggerFactory"
                + " in module dev.servicekit.logging",
            "System.Logger bound dev.servicekit.logging.internal.SystemLoggerFinder");
    assertThat(lines).allSatisfy(l -> assertThat(l.get("service.name").asText()).isEqualTo("mp"));
  }

  @Test
  void commonsLogging12FindsServicekitsFactoryOnTheModulePath(@TempDir Path dir) throws Exception {
    List<JsonNode> lines =
        run(
            dir,
            List.of(ModuleDescriptors.classesOf(LogFactory.class)),
            ",commons.logging",
            "commons");
    assertThat(lines)
        .extracting(l -> l.get("message").asText())
        .contains("commons-logging bound dev.servicekit.logging.internal.CommonsLogFactory");
  }

  /** Runs {@link ModulePathMain} with servicekit-logging, config and SLF4J on the module path. */
  private static List<JsonNode> run(
      Path dir, List<Path> moreModules, String moreRoots, String... args) throws Exception {
    Path app = copyMainClass(dir.resolve("app"));
    List<String> modulePath = new ArrayList<>();
    modulePath.add(ModuleDescriptors.classesOf(ServicekitLogging.class).toString());
    modulePath.add(ModuleDescriptors.classesOf(ServiceConfig.class).toString());
    modulePath.add(ModuleDescriptors.classesOf(LoggerFactory.class).toString());
    moreModules.forEach(m -> modulePath.add(m.toString()));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xshare:off", "-XX:TieredStopAtLevel=1", "-Dservicekit.service.name=mp"));
    cmd.addAll(List.of("--module-path", String.join(File.pathSeparator, modulePath)));
    cmd.addAll(List.of("--add-modules", "dev.servicekit.logging" + moreRoots));
    cmd.addAll(List.of("-cp", app.toString(), ModulePathMain.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
    String out = readAll(p, false);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err.get()).isZero();
    assertThat(err.get()).isEmpty();
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n", -1)) {
      if (!line.isEmpty()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  private static Path copyMainClass(Path app) throws IOException {
    String file = ModulePathMain.class.getName().replace('.', '/') + ".class";
    Path target = app.resolve(file);
    Files.createDirectories(target.getParent());
    Files.copy(ModuleDescriptors.classesOf(ModulePathMain.class).resolve(file), target);
    return app;
  }

  private static String readAll(Process p, boolean stderr) {
    try {
      byte[] bytes = (stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes();
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
