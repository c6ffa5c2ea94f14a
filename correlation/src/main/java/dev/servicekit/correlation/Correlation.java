package dev.servicekit.correlation;

import dev.servicekit.correlation.internal.ContextTasks;
import dev.servicekit.correlation.internal.CorrelatingExecutor;
import dev.servicekit.correlation.internal.CorrelatingExecutorService;
import dev.servicekit.correlation.internal.CorrelatingScheduledExecutorService;
import dev.servicekit.correlation.internal.CorrelationKey;
import dev.servicekit.correlation.internal.IdGenerator;
import dev.servicekit.correlation.internal.IdValidator;
import dev.servicekit.correlation.internal.MdcScope;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The current correlation id and its scopes.
 *
 * <p>The id lives in OpenTelemetry's {@link Context}, so anything that carries the Context (these
 * wrappers, OpenTelemetry's own, the OpenTelemetry agent) carries the id. While a scope is open the
 * MDC mirrors it under {@code correlation_id}, and {@code trace_id}/{@code span_id} when the
 * Context holds a valid span context; closing the scope restores the previous MDC values exactly
 * (absent stays absent), so nothing leaks to the next task on a pooled thread. Scopes must be
 * closed on the thread that opened them, in reverse order, as with every OpenTelemetry {@link
 * Scope}.
 *
 * <pre>{@code
 * try (Scope s = Correlation.begin(inboundId)) {
 *   log.info("handling");                 // MDC correlation_id = inboundId (or a fresh id)
 *   executor.execute(Correlation.wrap(task)); // the task sees the same id
 * }
 * }</pre>
 *
 * <p>Nothing here throws into the caller for bad input: invalid ids are replaced, not refused.
 * Works the same on platform and virtual threads.
 */
public final class Correlation {

  private Correlation() {}

  /**
   * The current correlation id, or {@code null} outside any correlation scope.
   *
   * @return the id; never null inside a scope opened by {@link #begin}, a filter or an interceptor
   */
  public static @Nullable String currentId() {
    return Context.current().get(CorrelationKey.KEY);
  }

  /**
   * The correlation id held by {@code context}, or {@code null}.
   *
   * @param context any OpenTelemetry Context
   * @return the id, or null when {@code context} carries none
   */
  public static @Nullable String idFrom(Context context) {
    return CorrelationKey.get(context);
  }

  /**
   * Opens a scope with {@code id} as the current correlation id, keeping the rest of the current
   * Context (trace, baggage). An invalid id (see {@link #isValidId}) is replaced by a fresh one and
   * counted in {@link #rejectedCount()}; {@code null} gets a fresh id without being counted.
   *
   * @param id the id to continue, typically read from an inbound request, or null
   * @return the scope; close it to restore the previous id and MDC
   */
  public static Scope begin(@Nullable String id) {
    return MdcScope.open(Context.current().with(CorrelationKey.KEY, IdValidator.acceptOrNew(id)));
  }

  /**
   * Opens a scope with a fresh correlation id.
   *
   * @return the scope; close it on the thread that opened it
   */
  public static Scope beginNew() {
    return MdcScope.open(Context.current().with(CorrelationKey.KEY, IdGenerator.next()));
  }

  /**
   * Makes {@code context} current and mirrors its correlation id and span into the MDC, e.g. to
   * resume a request's Context on another thread. The Context is used as is (its id may be absent).
   *
   * @param context the Context to make current; null attaches {@link Context#root()}
   * @return the scope; close it on this thread to restore what was current before
   */
  public static Scope attach(@Nullable Context context) {
    return MdcScope.open(Objects.requireNonNullElse(context, Context.root()));
  }

  /**
   * A fresh id: 21 URL-safe characters ({@code 0-9 A-Z a-z - .}) carrying 126 random bits, without
   * lock contention.
   *
   * @return a new id, valid by {@link #isValidId}
   */
  public static String newId() {
    return IdGenerator.next();
  }

  /**
   * Whether {@code id} would be accepted inbound: 1 to 128 characters of {@code
   * [A-Za-z0-9._:/+=-]}.
   *
   * @param id the candidate id, or null
   * @return true when valid; false for null, empty, too long or any other character
   */
  public static boolean isValidId(@Nullable String id) {
    return IdValidator.isValid(id);
  }

  /**
   * How many inbound ids were rejected (and replaced) since the JVM started.
   *
   * @return the count; it only grows
   */
  public static long rejectedCount() {
    return IdValidator.rejectedCount();
  }

  /**
   * An executor that runs each task in the Context current when the task was submitted.
   *
   * @param executor the executor to delegate to
   * @return an executor that delegates to {@code executor}
   */
  public static Executor wrap(Executor executor) {
    return new CorrelatingExecutor(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * An executor service that runs each task in the Context current when it was submitted.
   *
   * @param executor the executor service to delegate to
   * @return an executor service whose lifecycle methods delegate to {@code executor}
   */
  public static ExecutorService wrap(ExecutorService executor) {
    return new CorrelatingExecutorService(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * A scheduled executor whose tasks (each repetition too) run in the Context current when
   * scheduled.
   *
   * @param executor the scheduled executor to delegate to
   * @return a scheduled executor that delegates to {@code executor}
   */
  public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
    return new CorrelatingScheduledExecutorService(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * A runnable that runs {@code task} in the Context current now.
   *
   * @param task the task to run
   * @return a runnable that can run on any thread, any number of times
   */
  public static Runnable wrap(Runnable task) {
    return ContextTasks.wrap(Context.current(), Objects.requireNonNull(task, "task"));
  }

  /**
   * A callable that calls {@code task} in the Context current now. With a lambda or method
   * reference, cast to pick this overload or the {@link Supplier} one: {@code
   * Correlation.wrap((Callable<String>) this::load)}.
   *
   * @param task the task to call
   * @param <T> the result type
   * @return a callable that can run on any thread
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return ContextTasks.wrap(Context.current(), Objects.requireNonNull(task, "task"));
  }

  /**
   * A supplier that gets from {@code task} in the Context current now, e.g. for {@code
   * CompletableFuture.supplyAsync(Correlation.wrap(supplier), executor)}.
   *
   * @param task the supplier to get from
   * @param <T> the result type
   * @return a supplier that can run on any thread
   */
  public static <T> Supplier<T> wrap(Supplier<T> task) {
    return ContextTasks.wrap(Context.current(), Objects.requireNonNull(task, "task"));
  }
}
