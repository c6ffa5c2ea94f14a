package dev.servicekit.testing.internal;

import java.util.List;

/**
 * A registered check and its current result. Mutable fields are guarded by the owning {@link
 * AgentState}'s lock; identity matters (a re-registered check is a new entry).
 */
public final class CheckEntry {
  private final String checkId;
  private final String name;
  private final String notes;
  private final String serviceId;
  private final String serviceName;
  private final List<String> serviceTags;
  private final CheckDefinition definition;
  private final long createIndex;
  private String status;
  private String output;
  private long modifyIndex;
  private long criticalSinceNanos = NOT_CRITICAL;
  private long ttlSetNanos = NOT_CRITICAL;
  private int successCounter;
  private int failuresCounter;

  /** {@link #criticalSinceNanos} while no check result has turned the check critical. */
  static final long NOT_CRITICAL = Long.MIN_VALUE;

  CheckEntry(
      String checkId,
      String name,
      String serviceId,
      String serviceName,
      List<String> serviceTags,
      CheckDefinition definition,
      String status,
      long createIndex,
      long modifyIndex,
      String output) {
    this.checkId = checkId;
    this.name = name;
    this.notes = definition.notes();
    this.serviceId = serviceId;
    this.serviceName = serviceName;
    this.serviceTags = serviceTags;
    this.definition = definition;
    this.status = status;
    this.output = output;
    this.createIndex = createIndex;
    this.modifyIndex = modifyIndex;
    // as Consul's StatusHandler: the first result after registration counts at once
    this.successCounter = definition.successBeforePassing();
    this.failuresCounter = definition.failuresBeforeCritical();
  }

  /**
   * The {@code CheckID}.
   *
   * @return the ID
   */
  public String checkId() {
    return checkId;
  }

  /**
   * The {@code Name}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The {@code Notes}.
   *
   * @return the notes
   */
  public String notes() {
    return notes;
  }

  /**
   * The owning service's ID.
   *
   * @return the ID, empty for a node check
   */
  public String serviceId() {
    return serviceId;
  }

  /**
   * The owning service's name.
   *
   * @return the name, empty for a node check
   */
  public String serviceName() {
    return serviceName;
  }

  /**
   * The owning service's tags.
   *
   * @return the tags
   */
  public List<String> serviceTags() {
    return serviceTags;
  }

  /**
   * What was registered.
   *
   * @return the definition
   */
  public CheckDefinition definition() {
    return definition;
  }

  /**
   * The index at which the check was created.
   *
   * @return the index
   */
  public long createIndex() {
    return createIndex;
  }

  /**
   * The current status.
   *
   * @return {@code passing}, {@code warning} or {@code critical}
   */
  public String status() {
    return status;
  }

  /**
   * The current output.
   *
   * @return the output
   */
  public String output() {
    return output;
  }

  /**
   * The index of the last status change.
   *
   * @return the index
   */
  public long modifyIndex() {
    return modifyIndex;
  }

  /**
   * When a check result last turned the check critical, as Consul's {@code CriticalTime}: set by
   * the first critical result after a non-critical one, cleared by any other result, and unset for
   * a freshly (re-)registered check until its first result.
   */
  long criticalSinceNanos() {
    return criticalSinceNanos;
  }

  /** When a TTL update last came through the API ({@link #NOT_CRITICAL} when never). */
  long ttlSetNanos() {
    return ttlSetNanos;
  }

  void restoreOutput(String restored) {
    output = restored;
  }

  void markTtlSet(long nowNanos) {
    ttlSetNanos = nowNanos;
  }

  void update(String newStatus, String newOutput, long index, long nowNanos) {
    if (newStatus.equals(AgentState.CRITICAL)) {
      if (criticalSinceNanos == NOT_CRITICAL) {
        criticalSinceNanos = nowNanos;
      }
    } else {
      criticalSinceNanos = NOT_CRITICAL;
    }
    if (!newStatus.equals(status)) {
      status = newStatus;
      modifyIndex = index;
    }
    output = newOutput;
  }

  /**
   * Applies Consul's {@code SuccessBeforePassing}/{@code FailuresBeforeWarning}/{@code
   * FailuresBeforeCritical} thresholds to a runner's result.
   *
   * @param result the runner's status
   * @return the status to record, or null when the result stays below its threshold
   */
  String thresholded(String result) {
    CheckDefinition d = definition;
    if (!result.equals(AgentState.CRITICAL)) {
      successCounter++;
      failuresCounter = 0;
      return successCounter >= d.successBeforePassing() ? result : null;
    }
    failuresCounter++;
    successCounter = 0;
    if (failuresCounter >= d.failuresBeforeCritical()) {
      return AgentState.CRITICAL;
    }
    int warningAfter =
        d.failuresBeforeWarning() == 0 ? d.failuresBeforeCritical() : d.failuresBeforeWarning();
    return failuresCounter >= warningAfter ? AgentState.WARNING : null;
  }

  void setModifyIndex(long index) {
    modifyIndex = index;
  }
}
