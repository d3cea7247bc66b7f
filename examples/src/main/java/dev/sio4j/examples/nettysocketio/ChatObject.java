package dev.sio4j.examples.nettysocketio;

/**
 * One chat line as the page sends it: {@code {"userName": "...", "message": "..."}}. A record: Jackson binds it by its
 * component names, so it needs neither setters nor a no-argument constructor, and unknown fields are ignored.
 *
 * @param userName who wrote it
 * @param message what was written
 */
// tag::record[]
public record ChatObject(String userName, String message) {}
// end::record[]
