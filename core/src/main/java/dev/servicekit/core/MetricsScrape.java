package dev.servicekit.core;

/** One scrape of the meter registry: the response's {@code Content-Type} and its UTF-8 body. */
record MetricsScrape(String contentType, byte[] body) {}
