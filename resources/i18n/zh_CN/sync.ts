<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncStatusController</name>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="80"/>
        <source>Sync: sending…</source>
        <translation>同步：正在上传…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="102"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="113"/>
        <source>Sync: not configured, kept on this PC ({n} waiting)</source>
        <translation>同步：未配置，数据保存在本机（{n} 条待上传）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="116"/>
        <source>Sync: online, all sent · last {when}</source>
        <translation>同步：在线，已全部上传 · 上次 {when}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="119"/>
        <source>Sync: {n} waiting · last {when}</source>
        <translation>同步：{n} 条待上传 · 上次 {when}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="123"/>
        <source>Sync: offline, {n} waiting · last {when}</source>
        <translation>同步：离线，{n} 条待上传 · 上次 {when}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="124"/>
        <source>Sync: error, {n} waiting · last {when}</source>
        <translation>同步出错，{n} 条待上传 · 上次 {when}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="128"/>
        <source>{n} conflict(s) with head office: see `assist sync --conflicts`, close with `assist sync --resolve ID`</source>
        <translation>{n} 条与总行冲突：用 `assist sync --conflicts` 查看，核对后用 `assist sync --resolve 编号` 关闭</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="131"/>
        <source>{n} record(s) not accepted by head office (kept on this PC): see the reason with `assist sync --rejected`, fix, then `assist sync --resend ID`</source>
        <translation>{n} 条记录未被总部接收（已保存在本机）：用 `assist sync --rejected` 查看原因，修正后用 `assist sync --resend ID` 重新发送</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/sync_status.py" line="136"/>
        <source>Click or press Ctrl+Shift+S to sync now</source>
        <translation>点击或按 Ctrl+Shift+S 立即同步</translation>
    </message>
</context>
</TS>
