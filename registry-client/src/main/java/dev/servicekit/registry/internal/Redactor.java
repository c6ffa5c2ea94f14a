package dev.servicekit.registry.internal;

/** Removes the ACL token from any text before it reaches a log line or an exception message. */
final class Redactor {

  private final String secret;

  Redactor(String secret) {
    this.secret = secret;
  }

  String redact(String text) {
    if (secret.isEmpty() || text == null || !text.contains(secret)) {
      return text;
    }
    return text.replace(secret, "<redacted>");
  }
}
