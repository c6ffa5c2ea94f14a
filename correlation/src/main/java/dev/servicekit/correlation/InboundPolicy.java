package dev.servicekit.correlation;

/**
 * Whether inbound correlation ids are used ({@code servicekit.correlation.inbound}).
 *
 * <p>{@link #ACCEPT} (the default) continues a valid inbound id; {@link #IGNORE} starts a fresh id
 * for every inbound request or message, for edge services facing untrusted clients.
 */
public enum InboundPolicy {
  /** Use a valid inbound id; replace an invalid one. */
  ACCEPT,
  /** Never read inbound ids: every inbound request or message gets a fresh id. */
  IGNORE
}
