<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="94" />
        <source>Call type</source>
        <translation>通话类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="95" />
        <location filename="../../../assist/ui/call_controller.py" line="96" />
        <source>Start call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="97" />
        <location filename="../../../assist/ui/call_controller.py" line="405" />
        <source>End call</source>
        <translation>结束通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="98" />
        <location filename="../../../assist/ui/call_controller.py" line="99" />
        <source>Previous stage (Ctrl+Left)</source>
        <translation>上一阶段（Ctrl+←）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="100" />
        <location filename="../../../assist/ui/call_controller.py" line="101" />
        <source>Next stage (Ctrl+Right)</source>
        <translation>下一阶段（Ctrl+→）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="102" />
        <source>Checklist for this stage (Space ticks the item)</source>
        <translation>本阶段检查清单（空格键勾选）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="103" />
        <source>Approved scripts for this stage</source>
        <translation>本阶段的标准话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="104" />
        <source>Copy script (Ctrl+Enter)</source>
        <translation>复制话术（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="105" />
        <source>Copy the selected script</source>
        <translation>复制选中的话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="106" />
        <source>Override with a reason…</source>
        <translation>填写原因后跳过核验…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="107" />
        <source>Override the identity check</source>
        <translation>跳过身份核验</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="108" />
        <source>Reason for the override, then Enter</source>
        <translation>填写跳过核验的原因，按回车确认</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="109" />
        <source>Reason for the override</source>
        <translation>跳过核验的原因</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="110" />
        <source>Fill in the complaint form (Ctrl+N)</source>
        <translation>填写投诉受理单（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="111" />
        <source>Open the complaint form for this call</source>
        <translation>为本次通话打开投诉受理单</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="112" />
        <source>Scratch notes for this call, not saved (they count for the required disclosures; personal numbers are masked as you type; F2 explains a marked phrase). Put complaint details in the complaint form (Ctrl+N).</source>
        <translation>本次通话的草稿备注，不会保存（用于核对必备告知；输入的个人号码会自动脱敏；按 F2 查看标记用语的原因）。投诉内容请填写投诉单（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="115" />
        <source>Call notes</source>
        <translation>通话备注</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="116" />
        <source>Missing disclosures</source>
        <translation>缺少的告知</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="117" />
        <source>Call status</source>
        <translation>通话状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="118" />
        <source>Next stage</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="119" />
        <source>Previous stage</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="120" />
        <source>Copy script</source>
        <translation>复制话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="142" />
        <source>In call: {caller} {topic}</source>
        <translation>通话中：{caller} {topic}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="161" />
        <source>End anyway</source>
        <translation>仍然结束</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="170" />
        <source>Call ended.</source>
        <translation>通话已结束。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="192" />
        <source>The call ended without these disclosures:</source>
        <translation>本次通话结束时缺少以下告知：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="194" />
        <source>Not yet said in this call (say it, or press End again to close):</source>
        <translation>本次通话尚未告知（请补充告知，或再按一次结束）：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="221" />
        <source>Complaint {ticket} · reply due {date}</source>
        <translation>投诉 {ticket} · 答复期限 {date}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="224" />
        <source>(date agreed with the customer)</source>
        <translation>（与客户约定的日期）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="279" />
        <source> ✓ {time}</source>
        <translation> ✓ {time}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="294" />
        <location filename="../../../assist/ui/call_controller.py" line="354" />
        <source>Verify the caller's identity first</source>
        <translation>请先完成身份核验</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="301" />
        <source>Verify the caller's identity first: scripts of cards marked C2/C3 stay folded until the identity check is ticked.</source>
        <translation>请先完成身份核验：C2/C3 级卡片的话术在勾选身份核验项之前保持折叠。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="323" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="328" />
        <source>Type the value, then Enter</source>
        <translation>输入内容后按回车</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="330" />
        <source>Value for {name}</source>
        <translation>{name}的内容</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="358" />
        <source>Fill in first: {names}</source>
        <translation>请先填写：{names}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="368" />
        <source>Copied “{name}” to the clipboard.</source>
        <translation>已复制“{name}”到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="383" />
        <source>An override needs a reason.</source>
        <translation>跳过核验必须填写原因。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="394" />
        <source>Identity check overridden; the reason was recorded.</source>
        <translation>已跳过身份核验，原因已记录。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="410" />
        <source>No call in progress. Pick the call type and start the call.</source>
        <translation>当前没有通话。请选择通话类型后开始通话。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="414" />
        <source>Stage: {stage} ({n} of {total})</source>
        <translation>阶段：{stage}（第 {n} 步，共 {total} 步）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="415" />
        <source>No call</source>
        <translation>无通话</translation>
    </message>
</context>
</TS>