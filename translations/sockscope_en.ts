<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>LargePayload</name>
    <message numerus="yes">
        <source>%L1 byte(s)</source>
        <translation>
            <numerusform>%L1 byte</numerusform>
            <numerusform>%L1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendHistory</name>
    <message numerus="yes">
        <source>%1 (%L2 byte(s))</source>
        <translation>
            <numerusform>%1 (%L2 byte)</numerusform>
            <numerusform>%1 (%L2 bytes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A payload of %1, SHA-256 %2. The history keeps only the size and digest of payloads over %L3 character(s), not their bytes.</source>
        <translation>
            <numerusform>A payload of %1, SHA-256 %2. The history keeps only the size and digest of payloads over %L3 character, not their bytes.</numerusform>
            <numerusform>A payload of %1, SHA-256 %2. The history keeps only the size and digest of payloads over %L3 characters, not their bytes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>core</name>
    <message numerus="yes">
        <source>Datagram of %L1 byte(s) is too large to send to %2 (UDP carries at most 65,507 bytes over IPv4 and 65,527 over IPv6).</source>
        <translation>
            <numerusform>Datagram of %L1 byte is too large to send to %2 (UDP carries at most 65,507 bytes over IPv4 and 65,527 over IPv6).</numerusform>
            <numerusform>Datagram of %L1 bytes is too large to send to %2 (UDP carries at most 65,507 bytes over IPv4 and 65,527 over IPv6).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more datagram(s) to other targets came back undelivered (ICMP errors).</source>
        <translation>
            <numerusform>%Ln more datagram to other targets came back undelivered (ICMP errors).</numerusform>
            <numerusform>%Ln more datagrams to other targets came back undelivered (ICMP errors).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection from %1 closed: the server already has %L2 client(s) (the maximum).</source>
        <translation>
            <numerusform>Connection from %1 closed: the server already has %L2 client (the maximum).</numerusform>
            <numerusform>Connection from %1 closed: the server already has %L2 clients (the maximum).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Datagram to %1 not sent: %L2 byte(s) are already waiting for the network — send more slowly.</source>
        <translation>
            <numerusform>Datagram to %1 not sent: %L2 byte is already waiting for the network — send more slowly.</numerusform>
            <numerusform>Datagram to %1 not sent: %L2 bytes are already waiting for the network — send more slowly.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A datagram from %1 was larger than %L2 byte(s) and was cut.</source>
        <translation>
            <numerusform>A datagram from %1 was larger than %L2 byte and was cut.</numerusform>
            <numerusform>A datagram from %1 was larger than %L2 bytes and was cut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Part “%1” of the host name is %2 character(s) long; the limit is %3.</source>
        <translation>
            <numerusform>Part “%1” of the host name is %2 character long; the limit is %3.</numerusform>
            <numerusform>Part “%1” of the host name is %2 characters long; the limit is %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Host name is %1 character(s) long; the limit is %2.</source>
        <translation>
            <numerusform>Host name is %1 character long; the limit is %2.</numerusform>
            <numerusform>Host name is %1 characters long; the limit is %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No delimiter (%1) within %L2 byte(s) of offset %L3: the message was skipped up to the next delimiter.</source>
        <translation>
            <numerusform>No delimiter (%1) within %L2 byte of offset %L3: the message was skipped up to the next delimiter.</numerusform>
            <numerusform>No delimiter (%1) within %L2 bytes of offset %L3: the message was skipped up to the next delimiter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Length %L1 at offset %L2 is smaller than its own header (%L3 byte(s)): the header was dropped and framing goes on after it.</source>
        <translation>
            <numerusform>Length %L1 at offset %L2 is smaller than its own header (%L3 byte): the header was dropped and framing goes on after it.</numerusform>
            <numerusform>Length %L1 at offset %L2 is smaller than its own header (%L3 bytes): the header was dropped and framing goes on after it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Length %L1 at offset %L2 is over the maximum of %L3 byte(s): that frame was skipped.</source>
        <translation>
            <numerusform>Length %L1 at offset %L2 is over the maximum of %L3 byte: that frame was skipped.</numerusform>
            <numerusform>Length %L1 at offset %L2 is over the maximum of %L3 bytes: that frame was skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The HTTP body at offset %L1 goes on past the maximum of %L2 byte(s): the message was cut there and the rest of the stream is dropped until it ends.</source>
        <translation>
            <numerusform>The HTTP body at offset %L1 goes on past the maximum of %L2 byte: the message was cut there and the rest of the stream is dropped until it ends.</numerusform>
            <numerusform>The HTTP body at offset %L1 goes on past the maximum of %L2 bytes: the message was cut there and the rest of the stream is dropped until it ends.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No end of the HTTP headers within %L1 byte(s) of offset %L2: skipped up to the next empty line.</source>
        <translation>
            <numerusform>No end of the HTTP headers within %L1 byte of offset %L2: skipped up to the next empty line.</numerusform>
            <numerusform>No end of the HTTP headers within %L1 bytes of offset %L2: skipped up to the next empty line.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Content-Length %L1 at offset %L2 is over the maximum of %L3 byte(s): that message&apos;s body was skipped.</source>
        <translation>
            <numerusform>Content-Length %L1 at offset %L2 is over the maximum of %L3 byte: that message&apos;s body was skipped.</numerusform>
            <numerusform>Content-Length %L1 at offset %L2 is over the maximum of %L3 bytes: that message&apos;s body was skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chunked HTTP body at offset %L1 goes past the maximum of %L2 byte(s): the message was cut there and the rest of the stream is dropped until it ends.</source>
        <translation>
            <numerusform>The chunked HTTP body at offset %L1 goes past the maximum of %L2 byte: the message was cut there and the rest of the stream is dropped until it ends.</numerusform>
            <numerusform>The chunked HTTP body at offset %L1 goes past the maximum of %L2 bytes: the message was cut there and the rest of the stream is dropped until it ends.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The message is %L1 byte(s): a %2-byte length header holds at most %L3.</source>
        <translation>
            <numerusform>The message is %L1 byte: a %2-byte length header holds at most %L3.</numerusform>
            <numerusform>The message is %L1 bytes: a %2-byte length header holds at most %L3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The message is %L1 byte(s); this framing sends messages of exactly %L2.</source>
        <translation>
            <numerusform>The message is %L1 byte; this framing sends messages of exactly %L2.</numerusform>
            <numerusform>The message is %L1 bytes; this framing sends messages of exactly %L2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ConnectionLog</name>
    <message numerus="yes">
        <source>%Ln older lines removed; the log keeps the newest %1.</source>
        <translation>
            <numerusform>%Ln older line removed; the log keeps the newest %1.</numerusform>
            <numerusform>%Ln older lines removed; the log keeps the newest %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more framing error(s) in the same bytes</source>
        <translation>
            <numerusform>… and %Ln more framing error in the same bytes</numerusform>
            <numerusform>… and %Ln more framing errors in the same bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::FileSender</name>
    <message numerus="yes">
        <source>Reading “%1” stopped after %L2 byte(s): %3.</source>
        <translation>
            <numerusform>Reading “%1” stopped after %L2 byte: %3.</numerusform>
            <numerusform>Reading “%1” stopped after %L2 bytes: %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::FramingBar</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::HexPanel</name>
    <message numerus="yes">
        <source>%1 byte(s) · sent and received in two colours</source>
        <translation>
            <numerusform>%1 byte · sent and received in two colours</numerusform>
            <numerusform>%1 bytes · sent and received in two colours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chunk #%1 · %2 byte(s)</source>
        <translation>
            <numerusform>Chunk #%1 · %2 byte</numerusform>
            <numerusform>Chunk #%1 · %2 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Message #%1 · %2 byte(s) at stream offset %3</source>
        <translation>
            <numerusform>Message #%1 · %2 byte at stream offset %3</numerusform>
            <numerusform>Message #%1 · %2 bytes at stream offset %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %1 message start(s) marked (amber bar), headers amber, delimiters grey</source>
        <translation>
            <numerusform> · %1 message start marked (amber bar), headers amber, delimiters grey</numerusform>
            <numerusform> · %1 message starts marked (amber bar), headers amber, delimiters grey</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::LargePayloadCard</name>
    <message numerus="yes">
        <source>Converting the pasted %L1 character(s) to bytes…</source>
        <translation>
            <numerusform>Converting the pasted %L1 character to bytes…</numerusform>
            <numerusform>Converting the pasted %L1 characters to bytes…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PausedHint</name>
    <message numerus="yes">
        <source>Auto-scroll paused — %Ln new row(s)</source>
        <translation>
            <numerusform>Auto-scroll paused — %Ln new row</numerusform>
            <numerusform>Auto-scroll paused — %Ln new rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Auto-scroll paused — %Ln new line(s)</source>
        <translation>
            <numerusform>Auto-scroll paused — %Ln new line</numerusform>
            <numerusform>Auto-scroll paused — %Ln new lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PayloadEditor</name>
    <message numerus="yes">
        <source>Not inserted: the editor holds at most %L1 character(s) and this would make %L2. Clear it and paste again to send a larger payload as raw bytes, or send it as a file.</source>
        <translation>
            <numerusform>Not inserted: the editor holds at most %L1 character and this would make %L2. Clear it and paste again to send a larger payload as raw bytes, or send it as a file.</numerusform>
            <numerusform>Not inserted: the editor holds at most %L1 characters and this would make %L2. Clear it and paste again to send a larger payload as raw bytes, or send it as a file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not inserted: a line holds at most %L1 character(s) (longer lines stall the window) and this would make one of %L2. Break the line, or paste it into an empty editor to send it as raw bytes.</source>
        <translation>
            <numerusform>Not inserted: a line holds at most %L1 character (longer lines stall the window) and this would make one of %L2. Break the line, or paste it into an empty editor to send it as raw bytes.</numerusform>
            <numerusform>Not inserted: a line holds at most %L1 characters (longer lines stall the window) and this would make one of %L2. Break the line, or paste it into an empty editor to send it as raw bytes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::PayloadPreview</name>
    <message numerus="yes">
        <source>%1 … and %L2 more byte(s)</source>
        <translation>
            <numerusform>%1 … and %L2 more byte</numerusform>
            <numerusform>%1 … and %L2 more bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%L1 byte(s)</source>
        <translation>
            <numerusform>%L1 byte</numerusform>
            <numerusform>%L1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SendComposer</name>
    <message numerus="yes">
        <source>Start sending these %L1 byte(s) repeatedly (Ctrl+Enter)</source>
        <translation>
            <numerusform>Start sending this %L1 byte repeatedly (Ctrl+Enter)</numerusform>
            <numerusform>Start sending these %L1 bytes repeatedly (Ctrl+Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send these %L1 byte(s) (Ctrl+Enter)</source>
        <translation>
            <numerusform>Send this %L1 byte (Ctrl+Enter)</numerusform>
            <numerusform>Send these %L1 bytes (Ctrl+Enter)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The saved draft (%L1 character(s)) is larger than the editor holds, so it was not restored.</source>
        <translation>
            <numerusform>The saved draft (%L1 character) is larger than the editor holds, so it was not restored.</numerusform>
            <numerusform>The saved draft (%L1 characters) is larger than the editor holds, so it was not restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recall one of the last %Ln payload(s) sent (Ctrl+Up and Ctrl+Down in the editor)</source>
        <translation>
            <numerusform>Recall the last %Ln payload sent (Ctrl+Up and Ctrl+Down in the editor)</numerusform>
            <numerusform>Recall one of the last %Ln payloads sent (Ctrl+Up and Ctrl+Down in the editor)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ServerTab</name>
    <message numerus="yes">
        <source>Listening on %1 · %Ln client(s)</source>
        <translation>
            <numerusform>Listening on %1 · %Ln client</numerusform>
            <numerusform>Listening on %1 · %Ln clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SessionTab</name>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 message(s)</source>
        <translation>
            <numerusform>%1 message</numerusform>
            <numerusform>%1 messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>   ·   %1 oldest message(s) left out of the list (over its %2; Show raw reads lists every read)</source>
        <translation>
            <numerusform>   ·   %1 oldest message left out of the list (over its %2; Show raw reads lists every read)</numerusform>
            <numerusform>   ·   %1 oldest messages left out of the list (over its %2; Show raw reads lists every read)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrafficFilterBar</name>
    <message numerus="yes">
        <source>%1 of %2 row(s)</source>
        <translation>
            <numerusform>%1 of %2 row</numerusform>
            <numerusform>%1 of %2 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrafficModel</name>
    <message numerus="yes">
        <source>%L1 byte(s)</source>
        <translation>
            <numerusform>%L1 byte</numerusform>
            <numerusform>%L1 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %L1 more byte(s)</source>
        <translation>
            <numerusform>… and %L1 more byte</numerusform>
            <numerusform>… and %L1 more bytes</numerusform>
        </translation>
    </message>
</context>
</TS>
