package dev.servicekit.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public types of a module's exported packages, for the architecture tests that pin each
 * module's API to its documented set. In servicekit-config's test jar so that every module counts
 * them the same way: a nested type counts only when every type around it is public too.
 */
public final class ApiSurface {

  private ApiSurface() {}

  /** The names ({@code Outer$Inner} for nested ones) of the public types in {@code packages}. */
  public static Set<String> publicTypes(JavaClasses classes, Collection<String> packages) {
    Set<String> result = new TreeSet<>();
    for (JavaClass c : classes) {
      if (packages.contains(c.getPackageName()) && !c.isAnonymousClass() && reachable(c)) {
        result.add(c.getName());
      }
    }
    return result;
  }

  private static boolean reachable(JavaClass c) {
    for (Optional<JavaClass> t = Optional.of(c); t.isPresent(); t = t.get().getEnclosingClass()) {
      if (!t.get().getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
