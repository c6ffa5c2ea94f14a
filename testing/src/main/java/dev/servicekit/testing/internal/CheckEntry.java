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
  private long criticalSinceNanos;

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
      long nowNanos) {
    this.checkId = checkId;
    this.name = name;
    this.notes = definition.notes();
    this.serviceId = serviceId;
    this.serviceName = serviceName;
    this.serviceTags = serviceTags;
    this.definition = definition;
    this.status = status;
    this.output = "";
    this.createIndex = createIndex;
    this.modifyIndex = modifyIndex;
    this.criticalSinceNanos = nowNanos;
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

  long criticalSinceNanos() {
    return criticalSinceNanos;
  }

  void update(String newStatus, String newOutput, long index, long nowNanos) {
    if (!newStatus.equals(status)) {
      if (newStatus.equals(AgentState.CRITICAL)) {
        criticalSinceNanos = nowNanos;
      }
      status = newStatus;
      modifyIndex = index;
    }
    output = newOutput;
  }

  void setModifyIndex(long index) {
    modifyIndex = index;
  }
}
