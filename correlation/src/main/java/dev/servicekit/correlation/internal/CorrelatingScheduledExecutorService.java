package dev.servicekit.correlation.internal;

import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} that runs each task, every repetition included, in the Context
 * current when it was scheduled.
 */
public final class CorrelatingScheduledExecutorService extends CorrelatingExecutorService
    implements ScheduledExecutorService {

  private final ScheduledExecutorService delegate;

  /** Wraps {@code delegate}. */
  public CorrelatingScheduledExecutorService(ScheduledExecutorService delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return delegate.schedule(ContextTasks.wrap(Context.current(), command), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return delegate.schedule(ContextTasks.wrap(Context.current(), callable), delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return delegate.scheduleAtFixedRate(
        ContextTasks.wrap(Context.current(), command), initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return delegate.scheduleWithFixedDelay(
        ContextTasks.wrap(Context.current(), command), initialDelay, delay, unit);
  }
}
