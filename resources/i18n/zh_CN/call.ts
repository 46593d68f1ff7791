<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="114" />
        <source>Call type</source>
        <translation>通话类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="117" />
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="118" />
        <source>Outbound</source>
        <translation>外呼</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="120" />
        <source>Call direction (picks the opening scripts)</source>
        <translation>通话方向（决定显示哪种开场话术）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="121" />
        <source>Inbound: the customer called. Outbound: we called the customer.</source>
        <translation>呼入：客户打进来的电话。外呼：我方打给客户的电话。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="122" />
        <location filename="../../../assist/ui/call_controller.py" line="123" />
        <source>Start call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="124" />
        <location filename="../../../assist/ui/call_controller.py" line="319" />
        <source>End call</source>
        <translation>结束通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="125" />
        <location filename="../../../assist/ui/call_controller.py" line="126" />
        <source>Previous stage (Ctrl+Left)</source>
        <translation>上一阶段（Ctrl+←）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="127" />
        <location filename="../../../assist/ui/call_controller.py" line="128" />
        <source>Next stage (Ctrl+Right)</source>
        <translation>下一阶段（Ctrl+→）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="129" />
        <source>Checklist for this stage (Space ticks the item)</source>
        <translation>本阶段检查清单（空格键勾选）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="130" />
        <source>Approved scripts for this stage</source>
        <translation>本阶段的标准话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="131" />
        <source>Copy (Ctrl+Enter)</source>
        <translation>复制话术（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="133" />
        <source>Skip with a reason…</source>
        <translation>填写原因后跳过…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="137" />
        <source>Complaint form (Ctrl+N)</source>
        <translation>投诉受理单（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="139" />
        <source>Scratch notes, not saved: they count for the disclosures; numbers are masked; F2 explains a marked phrase. Complaint details: the form (Ctrl+N).</source>
        <translation>草稿备注，不保存：计入必备告知核对；号码自动脱敏；F2 查看标记原因。投诉内容请填投诉单（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="132" />
        <source>Copy the selected script</source>
        <translation>复制选中的话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="73" />
        <source>Opening</source>
        <translation>开场</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="73" />
        <source>Identity check</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="73" />
        <source>Business</source>
        <translation>业务处理</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="74" />
        <source>Risk notice</source>
        <translation>风险提示</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="74" />
        <source>Closing</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="134" />
        <source>Override the identity check</source>
        <translation>跳过身份核验</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="135" />
        <source>Reason for the override, then Enter</source>
        <translation>填写跳过核验的原因，按回车确认</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="136" />
        <source>Reason for the override</source>
        <translation>跳过核验的原因</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="138" />
        <source>Open the complaint form for this call</source>
        <translation>为本次通话打开投诉受理单</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="141" />
        <source>Call notes</source>
        <translation>通话备注</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="142" />
        <source>Missing disclosures</source>
        <translation>缺少的告知</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="143" />
        <source>Call status</source>
        <translation>通话状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="144" />
        <source>Next stage</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="145" />
        <source>Previous stage</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="146" />
        <source>Copy script</source>
        <translation>复制话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="192" />
        <source>End anyway</source>
        <translation>仍然结束</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="201" />
        <source>Call ended.</source>
        <translation>通话已结束。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="237" />
        <source>Complaint {ticket} · reply due {date}</source>
        <translation>投诉 {ticket} · 答复期限 {date}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="240" />
        <source>(date agreed with the customer)</source>
        <translation>（与客户约定的日期）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="306" />
        <source> ✓ {time}</source>
        <translation> ✓ {time}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="324" />
        <source>No call in progress. Pick the call type and start the call.</source>
        <translation>当前没有通话。请选择通话类型后开始通话。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="329" />
        <source>Stage: {stage} ({n} of {total})</source>
        <translation>阶段：{stage}（第 {n} 步，共 {total} 步）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_controller.py" line="330" />
        <source>No call</source>
        <translation>无通话</translation>
    </message>
</context>
<context>
    <name>CallDisclosures</name>
    <message>
        <location filename="../../../assist/ui/call_disclosures.py" line="81" />
        <source>The call ended without these disclosures:</source>
        <translation>本次通话结束时缺少以下告知：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_disclosures.py" line="83" />
        <source>Not yet said in this call (say it, or press End again to close):</source>
        <translation>本次通话尚未告知（请补充告知，或再按一次结束）：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_disclosures.py" line="85" />
        <source>Still to say now ({n}):</source>
        <translation>现在需要告知（{n} 项）：</translation>
    </message>
</context>
<context>
    <name>CallScripts</name>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="173" />
        <source>Verify the caller's identity first</source>
        <translation>请先完成身份核验</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="86" />
        <source>{card} · other stages</source>
        <translation>{card} · 其他阶段</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="97" />
        <source>{n} script(s) shown after the identity check</source>
        <translation>{n} 条话术需完成身份核验后显示</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="142" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="147" />
        <source>Type the value, then Enter</source>
        <translation>输入内容后按回车</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="149" />
        <source>Value for {name}</source>
        <translation>{name}的内容</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="177" />
        <source>Fill in first: {names}</source>
        <translation>请先填写：{names}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="187" />
        <source>Copied “{name}” to the clipboard.</source>
        <translation>已复制“{name}”到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="204" />
        <source>An override needs a reason.</source>
        <translation>跳过核验必须填写原因。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/call_scripts.py" line="215" />
        <source>Identity check overridden; the reason was recorded.</source>
        <translation>已跳过身份核验，原因已记录。</translation>
    </message>
</context>
</TS>