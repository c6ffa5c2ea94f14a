package dev.servicekit.vthreads;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK 21 virtual-thread API reached by reflection, since this build compiles with {@code
 * --release 17}. Only used inside the child JVM, which runs on a JDK that has it.
 */
final class VirtualThreads {

  private VirtualThreads() {}

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
  static ExecutorService perTaskExecutor() {
    return (ExecutorService)
        invoke(method(Executors.class, "newVirtualThreadPerTaskExecutor"), null);
  }

  /** {@code Thread.startVirtualThread(task)}. */
  static Thread start(Runnable task) {
    return (Thread) invoke(method(Thread.class, "startVirtualThread", Runnable.class), null, task);
  }

  /** {@code thread.isVirtual()}. */
  static boolean isVirtual(Thread thread) {
    return (Boolean) invoke(method(Thread.class, "isVirtual"), thread);
  }

  /**
   * The carrier the calling virtual thread is mounted on, read from its {@code toString()} ({@code
   * VirtualThread[#21]/runnable@ForkJoinPool-1-worker-1}); empty for a platform thread.
   */
  static String carrier() {
    String s = Thread.currentThread().toString();
    int at = s.lastIndexOf('@');
    return s.startsWith("VirtualThread") && at >= 0 ? s.substring(at + 1) : "";
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "this JDK (" + Runtime.version() + ") has no virtual threads: " + e.getMessage(), e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
