package dev.sio4j.server;

/**
 * A socket whose send buffer was full, as {@link SlowConsumerListener}s are told: once per socket, when it first
 * reaches the limit.
 *
 * @param socket the socket
 * @param policy the policy that applied to it
 * @param bufferedBytes the encoded bytes waiting in its session's send buffer at that moment
 */
public record SlowConsumer(Socket socket, SlowConsumerPolicy policy, long bufferedBytes) {}
