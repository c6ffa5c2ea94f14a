package dev.servicekit.testing.internal;

/**
 * A registered service instance with its catalog indexes.
 *
 * @param definition what was registered
 * @param createIndex the index at which the instance first appeared
 * @param modifyIndex the index of its last catalog-visible change
 */
public record ServiceEntry(ServiceDefinition definition, long createIndex, long modifyIndex) {}
