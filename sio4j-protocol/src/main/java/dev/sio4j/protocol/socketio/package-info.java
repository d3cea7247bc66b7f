/**
 * The Socket.IO v5 packet codec (socket.io-protocol): {@link dev.sio4j.protocol.socketio.SocketIoPacket},
 * {@link dev.sio4j.protocol.socketio.SocketIoEncoder} (text packet plus binary attachments, as Engine.IO MESSAGE
 * packets) and the stateful {@link dev.sio4j.protocol.socketio.SocketIoDecoder} (one per Engine.IO session).
 *
 * <p>Pure: strings and byte arrays in, packets out; no I/O, threads or clocks. Binary values anywhere in a packet's
 * data are Jackson {@link com.fasterxml.jackson.databind.node.BinaryNode}s; on the wire they become placeholders
 * {@code {"_placeholder":true,"num":n}} followed by one binary frame each, in order.
 */
package dev.sio4j.protocol.socketio;
