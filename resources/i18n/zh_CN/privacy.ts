<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrivacyNotice</name>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="30"/>
        <source>ID card number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="31"/>
        <source>bank card number</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="32"/>
        <source>mobile number</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="33"/>
        <source>phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="34"/>
        <source>e-mail address</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="35"/>
        <source>unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="36"/>
        <source>password or verification code</source>
        <translation>密码或验证码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="38"/>
        <source>personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="49"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="51"/>
        <source>Masked in the copied text: {kinds}.</source>
        <translation>复制的内容已脱敏：{kinds}。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="53"/>
        <source>Personal data masked: {kinds}.</source>
        <translation>已脱敏个人信息：{kinds}。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/privacy_notice.py" line="55"/>
        <source>A password or verification code was removed: PINs, passwords, CVV and SMS codes must never be asked for or recorded.</source>
        <translation>已删除密码或验证码：不得询问或记录客户的密码、CVV 和短信验证码。</translation>
    </message>
</context>
<context>
    <name>SmartTextEdit</name>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="170"/>
        <source>Pasted text cleaned: {n} control character(s) removed.</source>
        <translation>粘贴的文字已清理：去除了 {n} 个控制字符。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="175"/>
        <source>Nothing was pasted: the text has {n} characters and this field has room for {room} more (at most {max}). Paste a shorter part.</source>
        <translation>未粘贴：该段文字共 {n} 字，本栏还可输入 {room} 字（上限 {max} 字）。请分段粘贴较短的内容。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="319"/>
        <source>{n} wording problem(s); press F2 for the reason</source>
        <translation>{n} 处用语问题；按 F2 查看原因</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="330"/>
        <source>Forbidden wording</source>
        <translation>禁用表述</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="330"/>
        <source>Check this wording</source>
        <translation>请注意此表述</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="208"/>
        <source> (basis: {basis})</source>
        <translation>（依据：{basis}）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="331"/>
        <source>{head} “{phrase}”: {reason}
Say instead: {suggestion}</source>
        <translation>{head}“{phrase}”：{reason}
建议说法：{suggestion}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/widgets/textfield.py" line="364"/>
        <source>No wording problem found.</source>
        <translation>未发现用语问题。</translation>
    </message>
</context>
</TS>
