package dev.servicekit.correlation.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Wraps tasks so they run inside a captured Context, with the MDC mirrored and then restored. */
public final class ContextTasks {

  private ContextTasks() {}

  /** Runs {@code task} inside {@code context}. */
  public static Runnable wrap(Context context, Runnable task) {
    return () -> {
      Scope scope = MdcScope.open(context);
      try {
        task.run();
      } finally {
        scope.close();
      }
    };
  }

  /** Calls {@code task} inside {@code context}. */
  public static <T> Callable<T> wrap(Context context, Callable<T> task) {
    return () -> {
      Scope scope = MdcScope.open(context);
      try {
        return task.call();
      } finally {
        scope.close();
      }
    };
  }

  /** Gets from {@code task} inside {@code context}. */
  public static <T> Supplier<T> wrap(Context context, Supplier<T> task) {
    return () -> {
      Scope scope = MdcScope.open(context);
      try {
        return task.get();
      } finally {
        scope.close();
      }
    };
  }

  /** Wraps each task in the current Context. */
  public static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    Context context = Context.current();
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(wrap(context, task));
    }
    return wrapped;
  }
}
