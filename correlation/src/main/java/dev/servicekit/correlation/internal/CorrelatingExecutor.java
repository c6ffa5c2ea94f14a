package dev.servicekit.correlation.internal;

import io.opentelemetry.context.Context;
import java.util.concurrent.Executor;

/** An {@link Executor} that runs each task in the Context current when it was submitted. */
public final class CorrelatingExecutor implements Executor {

  private final Executor delegate;

  /** Wraps {@code delegate}. */
  public CorrelatingExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(ContextTasks.wrap(Context.current(), command));
  }
}
