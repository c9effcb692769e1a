import HTTPTypes
import Hummingbird
import NIOCore

/// A complete HTTP answer whose body bytes stay reachable, so a fault can cut them short.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    init(_ status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields = [:]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    var response: Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// Same headers and Content-Length, half the body, then the connection is closed.
    func truncatedResponse(closing channel: any Channel) -> Response {
        let full = body.readableBytes
        let half = body.getSlice(at: body.readerIndex, length: full / 2) ?? ByteBuffer()
        var response = response
        response.body = ResponseBody(contentLength: full) { writer in
            try await writer.write(half)
            channel.close(promise: nil)
            throw SimulatorResponder.DroppedConnection()
        }
        return response
    }
}
