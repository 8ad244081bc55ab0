<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>core</name>
    <message numerus="yes">
        <source>%n more datagram(s) to other targets came back undelivered (ICMP errors).</source>
        <translation>
            <numerusform>%n more datagram to other targets came back undelivered (ICMP errors).</numerusform>
            <numerusform>%n more datagrams to other targets came back undelivered (ICMP errors).</numerusform>
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
    <name>ui::ServerTab</name>
    <message numerus="yes">
        <source>Listening on %1 · %n client(s)</source>
        <translation>
            <numerusform>Listening on %1 · %n client</numerusform>
            <numerusform>Listening on %1 · %n clients</numerusform>
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
</context>
</TS>
