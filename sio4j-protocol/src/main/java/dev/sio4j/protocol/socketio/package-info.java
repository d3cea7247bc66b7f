/**
 * The Socket.IO v5 packet codecs (socket.io-protocol): {@link dev.sio4j.protocol.socketio.SocketIoPacket}, and the
 * parser SPI a server or client is configured with, {@link dev.sio4j.protocol.socketio.SocketIoParser}: a stateless
 * {@link dev.sio4j.protocol.socketio.PacketEncoder} (packets to Engine.IO MESSAGE packets) and one stateful
 * {@link dev.sio4j.protocol.socketio.PacketDecoder} per Engine.IO session.
 *
 * <p>Two parsers: the default JSON one, {@link dev.sio4j.protocol.socketio.SocketIoEncoder} (text packet plus binary
 * attachments) and {@link dev.sio4j.protocol.socketio.SocketIoDecoder}; and
 * {@link dev.sio4j.protocol.socketio.MsgpackParser}, one binary MessagePack message per packet.
 *
 * <p>Pure: strings and byte arrays in, packets out; no I/O, threads or clocks. Binary values anywhere in a packet's
 * data are Jackson {@link com.fasterxml.jackson.databind.node.BinaryNode}s; the JSON parser sends them as placeholders
 * {@code {"_placeholder":true,"num":n}} followed by one binary frame each, in order, the msgpack parser inline.
 */
package dev.sio4j.protocol.socketio;
