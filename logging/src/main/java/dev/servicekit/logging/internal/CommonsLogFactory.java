package dev.servicekit.logging.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogConfigurationException;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.LogFactoryImpl;

/**
 * commons-logging's factory, found by commons-logging 1.2 through {@code
 * META-INF/services/org.apache.commons.logging.LogFactory} (1.3 reads the same file through {@code
 * ServiceLoader}): every {@link Log} writes into servicekit-logging. When servicekit-logging is not
 * the SLF4J provider, or {@code servicekit.log.commons-logging=false}, it hands out what
 * commons-logging's own {@link LogFactoryImpl} would.
 */
public final class CommonsLogFactory extends LogFactory {

  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final Map<String, Log> logs = new ConcurrentHashMap<>();
  private volatile LogFactory fallback;

  /** Called by commons-logging's discovery. */
  public CommonsLogFactory() {}

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public String[] getAttributeNames() {
    return attributes.keySet().toArray(new String[0]);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Log getInstance(Class clazz) {
    return getInstance(clazz == null ? "null" : clazz.getName());
  }

  @Override
  public Log getInstance(String name) {
    String n = String.valueOf(name);
    JsonLoggerFactory f;
    try {
      f = Bridges.activeFactory();
    } catch (RuntimeException | LinkageError e) {
      f = null;
    }
    if (f == null || !f.config().routeCommonsLogging) {
      return fallback().getInstance(n);
    }
    JsonLoggerFactory active = f;
    return logs.computeIfAbsent(n, k -> new CommonsLog(active.getLogger(k)));
  }

  private LogFactory fallback() throws LogConfigurationException {
    LogFactory d = fallback;
    if (d == null) {
      synchronized (this) {
        d = fallback;
        if (d == null) {
          d = new LogFactoryImpl();
          attributes.forEach(d::setAttribute);
          fallback = d;
        }
      }
    }
    return d;
  }

  @Override
  public void release() {
    logs.clear();
    LogFactory d = fallback;
    if (d != null) {
      d.release();
    }
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }
}
