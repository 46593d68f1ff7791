<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>NoticeController</name>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="86"/>
        <source>Read it</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="87"/>
        <source>Open the risk notice</source>
        <translation>打开风险提示函</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="88"/>
        <source>I have read and understood it</source>
        <translation>我已阅读并知晓</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="89"/>
        <source>Acknowledge the risk notice (recorded with your staff number and the time)</source>
        <translation>确认已阅读风险提示函（记录工号和时间）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="90"/>
        <source>Your staff number</source>
        <translation>您的工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="91"/>
        <source>Staff number for the acknowledgement</source>
        <translation>确认阅读所用的工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="116"/>
        <source>Must read</source>
        <translation>必读</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="116"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="117"/>
        <source> (+{n} more unread)</source>
        <translation>（另有 {n} 份未读）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="118"/>
        <source>Risk notice · {kind}: {title}{more}</source>
        <translation>风险提示函 · {kind}：{title}{more}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="141"/>
        <source>Read it to the end, then press “I have read and understood it”.</source>
        <translation>请读完全文，然后点“我已阅读并知晓”。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="149"/>
        <source>Type your staff number first: the acknowledgement records who read the notice.</source>
        <translation>请先填写工号：确认记录的是谁阅读了提示函。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/notice_view.py" line="155"/>
        <source>Acknowledged at {time}; head office receives it with the next sync.</source>
        <translation>已于 {time} 确认，下次同步时报送总部。</translation>
    </message>
</context>
<context>
    <name>QaSummary</name>
    <message>
        <location filename="../../../assist/ui/qa_summary.py" line="55"/>
        <source>Findings of the after-call check (Enter opens the card that explains it)</source>
        <translation>通话质检发现（回车打开说明卡片）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/qa_summary.py" line="102"/>
        <source>After-call check: {score} points, {verdict}. Nothing was missed.</source>
        <translation>通话质检：{score} 分，{verdict}。没有遗漏。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/qa_summary.py" line="105"/>
        <source>After-call check: {score} points, {verdict}. What was missed:</source>
        <translation>通话质检：{score} 分，{verdict}。遗漏的内容：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/qa_summary.py" line="107"/>
        <source>Red line</source>
        <translation>红线</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/qa_summary.py" line="113"/>
        <source>See the card: {title}</source>
        <translation>查看卡片：{title}</translation>
    </message>
</context>
</TS>
