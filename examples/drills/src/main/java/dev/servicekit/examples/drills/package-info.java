/**
 * Failure drills on the demo system: the agent, the broker, orders, two inventory instances and
 * shipping run as processes; a bounded stream of orders runs while one fault at a time is injected;
 * each drill measures what the clients saw and checks it against explicit bounds. Start with {@link
 * dev.servicekit.examples.drills.DrillsMain}.
 */
package dev.servicekit.examples.drills;
