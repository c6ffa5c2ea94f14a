package dev.servicekit.testing;

import static java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What servicekit-testing's module-info says to a user whose tests run on the module path. */
class ModuleDescriptorTest {

  private static final Path CLASSES = classes();
  private static final ModuleDescriptor MODULE =
      ModuleFinder.of(CLASSES).findAll().iterator().next().descriptor();

  private static Path classes() {
    try {
      return Path.of(LocalConsul.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void isAnExplicitModuleNamedAfterItsRootPackage() {
    assertThat(MODULE.isAutomatic()).isFalse();
    assertThat(MODULE.name()).isEqualTo("dev.servicekit.testing");
  }

  @Test
  void exportsTheKitAndTheContractButNotInternal() {
    assertThat(MODULE.exports())
        .allSatisfy(e -> assertThat(e.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("dev.servicekit.testing", "dev.servicekit.testing.contract");
    assertThat(MODULE.packages()).contains("dev.servicekit.testing.internal");
  }

  @Test
  void opensTheContractToJunitWhichCallsItsLifecycleMethods() {
    assertThat(MODULE.opens())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.source()).isEqualTo("dev.servicekit.testing.contract");
              assertThat(o.targets()).containsExactly("org.junit.platform.commons");
            });
  }

  @Test
  void readsJunitOnlyWhenTheUserBringsIt() {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires =
        MODULE.requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .collect(
                Collectors.toMap(
                    ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
    assertThat(requires)
        .containsOnlyKeys(
            "com.fasterxml.jackson.databind",
            "java.net.http",
            "jdk.httpserver",
            "org.jspecify",
            "org.junit.jupiter.api");
    assertThat(requires.get("org.junit.jupiter.api")).containsExactly(STATIC);
    assertThat(requires.get("org.jspecify")).containsExactly(STATIC);
    assertThat(requires.get("com.fasterxml.jackson.databind")).isEmpty();
  }

  @Test
  void providesNoServices() {
    assertThat(MODULE.provides()).isEmpty();
    assertThat(Files.exists(CLASSES.resolve("META-INF/services"))).isFalse();
  }
}
