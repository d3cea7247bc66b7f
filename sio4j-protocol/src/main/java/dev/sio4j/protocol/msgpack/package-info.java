/**
 * MessagePack (the msgpack spec, "Formats") to and from Jackson trees, with the choices of {@code notepack.io}, the
 * encoder of {@code socket.io-msgpack-parser} and of the Redis adapter:
 * {@link dev.sio4j.protocol.msgpack.MsgpackWriter} and {@link dev.sio4j.protocol.msgpack.MsgpackReader}. Pure: byte
 * arrays in and out, no I/O. Shared by the msgpack Socket.IO parser and the Redis adapter's cluster messages.
 */
package dev.sio4j.protocol.msgpack;
