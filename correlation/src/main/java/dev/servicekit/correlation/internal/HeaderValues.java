package dev.servicekit.correlation.internal;

import java.util.Iterator;
import java.util.List;

/** Folds repeated header values into one, joined with {@code ","} as HTTP list headers are. */
public final class HeaderValues {

  private HeaderValues() {}

  /** {@code null} for none, the value for one, the values joined with {@code ","} for several. */
  public static String join(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(",", values);
  }

  /** As {@link #join(List)} for an iterator (e.g. a servlet header enumeration). */
  public static String join(Iterator<String> values) {
    if (values == null || !values.hasNext()) {
      return null;
    }
    String first = values.next();
    if (!values.hasNext()) {
      return first;
    }
    StringBuilder joined = new StringBuilder(first);
    while (values.hasNext()) {
      joined.append(',').append(values.next());
    }
    return joined.toString();
  }
}
