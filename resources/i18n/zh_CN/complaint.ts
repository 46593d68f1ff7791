<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComplaintController</name>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="90" />
        <source>Consumer (self)</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="90" />
        <source>Legal guardian</source>
        <translation>法定代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="90" />
        <source>Authorised agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="91" />
        <source>Heir</source>
        <translation>继承人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="91" />
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="120" />
        <source>Another panel took over this draft; this form now autosaves as a new draft.</source>
        <translation>另一个面板接管了此草稿；本表单现作为新草稿自动保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="121" />
        <source>Could not autosave the draft ({error}); keep the panel open and try saving.</source>
        <translation>草稿自动保存失败（{error}）；请勿关闭面板，并尝试保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="123" />
        <source>No system keyring is available: the full callback number will not be stored (only its masked form), and drafts are stored masked.</source>
        <translation>系统密钥环不可用：回访号码的完整值不会保存（仅保存脱敏值），草稿也将脱敏保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="181" />
        <source>Contact person name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="185" />
        <source>Already held by the bank (not asked again): {items}</source>
        <translation>本行已掌握（无需再问）：{items}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="232" />
        <source>Leave the complaint form?</source>
        <translation>离开投诉登记？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="233" />
        <source>The draft is kept and offered again. Leave the form?</source>
        <translation>草稿会保留，下次可继续。确定离开表单？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="260" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="268" />
        <source>Saved. Ticket number: {ticket}</source>
        <translation>已保存。投诉单号：{ticket}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="273" />
        <source>Reply due {date}: {days} day(s) left (calendar days from receipt)</source>
        <translation>答复期限 {date}：还剩 {days} 天（自受理起按自然日计算）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="275" />
        <source>Warning: only {days} day(s) left. </source>
        <translation>提醒：仅剩 {days} 天。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="279" />
        <source>Complaint saved.</source>
        <translation>投诉已保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="281" />
        <source>No system keyring is available: the full callback number was NOT stored, only its masked form. Confirm the number with the customer at callback.</source>
        <translation>系统密钥环不可用：回访号码的完整值未保存，仅保存了脱敏值。回访时请向客户重新核实号码。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="292" />
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="302" />
        <source>{n} field(s) to fix; the first one has the focus.</source>
        <translation>有 {n} 项需要修改；光标已定位到第一项。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="318" />
        <source>normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="318" />
        <source>complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="318" />
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="321" />
        <source>Risk: {level}</source>
        <translation>风险：{level}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="330" />
        <source>High risk: escalate per the card “{title}” ({card}) before ending the call.</source>
        <translation>高风险：请在结束通话前按卡片“{title}”（{card}）升级处理。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="342" />
        <source>Restore complaint draft?</source>
        <translation>恢复投诉草稿？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="343" />
        <source>A complaint draft from {when} was not saved (the panel closed unexpectedly). Restore it?</source>
        <translation>{when} 的投诉草稿尚未保存（面板意外关闭）。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="372" />
        <source>This draft was stored without a keyring, so numbers and names in it are masked; re-enter them.</source>
        <translation>此草稿在没有密钥环时保存，其中的号码和姓名已脱敏，请重新录入。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="374" />
        <source>This draft is encrypted with a key that is not available here; it cannot be shown.</source>
        <translation>此草稿由本机不可用的密钥加密，无法显示。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="375" />
        <source>Draft restored.</source>
        <translation>草稿已恢复。</translation>
    </message>
</context>
<context>
    <name>ComplaintListController</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="164" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ComplaintListModel</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="52" />
        <source>{n} day(s) left</source>
        <translation>剩 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="52" />
        <source>{n} day(s) overdue</source>
        <translation>已超期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="59" />
        <source>not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="59" />
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="59" />
        <source>sync error</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="62" />
        <source>Due {date}</source>
        <translation>期限 {date}</translation>
    </message>
</context>
<context>
    <name>ComplaintListView</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="141" />
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="142" />
        <source>Search ticket, name, category</source>
        <translation>搜索单号、姓名、类别</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="143" />
        <source>Search complaints</source>
        <translation>搜索投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="144" />
        <location filename="../../../assist/ui/complaint_list.py" line="148" />
        <source>My complaints</source>
        <translation>我的投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="145" />
        <source>Complaint history</source>
        <translation>投诉历史</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="146" />
        <source>History (Enter on a complaint shows it)</source>
        <translation>历史记录（在投诉上按回车查看）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="147" />
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
</context>
<context>
    <name>ComplaintView</name>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="165" />
        <source>Complainant type</source>
        <translation>投诉人类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="165" />
        <source>Agent ID</source>
        <translation>受理坐席工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="166" />
        <source>Receiving unit</source>
        <translation>受理机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="166" />
        <source>Received at (YYYY-MM-DD HH:MM)</source>
        <translation>收到投诉时间（年-月-日 时:分）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="167" />
        <source>Source</source>
        <translation>投诉来源</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="167" />
        <source>Regulator referral number</source>
        <translation>监管转办编号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="168" />
        <source>Complainant name</source>
        <translation>投诉人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="168" />
        <source>ID document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="169" />
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="169" />
        <source>Callback phone</source>
        <translation>联系电话（回访）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="170" />
        <source>Contact address</source>
        <translation>联系地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="170" />
        <source>Relationship to the consumer</source>
        <translation>与消费者关系</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="171" />
        <source>Representative name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="171" />
        <source>Representative ID number</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="172" />
        <source>Representative phone</source>
        <translation>代理人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="172" />
        <source>Power of attorney received</source>
        <translation>已收到授权委托书</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="173" />
        <source>Name of the deceased</source>
        <translation>被继承人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="173" />
        <source>Proof of inheritance received</source>
        <translation>已收到继承关系证明</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="174" />
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="174" />
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="175" />
        <source>Organisation address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="175" />
        <source>Legal representative</source>
        <translation>法定代表人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="176" />
        <source>Legal representative ID number</source>
        <translation>法定代表人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="176" />
        <source>Legal representative phone</source>
        <translation>法定代表人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="177" />
        <source>Institution complained about</source>
        <translation>被投诉机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="177" />
        <source>Staff complained about</source>
        <translation>被投诉人员</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="178" />
        <source>Staff member's unit</source>
        <translation>被投诉人员所在部门</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="178" />
        <source>Request (投诉请求)</source>
        <translation>投诉请求</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="179" />
        <source>Main facts (主要事实)</source>
        <translation>主要事实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="179" />
        <source>Basis (相关依据)</source>
        <translation>相关依据</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="180" />
        <source>Channel (A)</source>
        <translation>业务办理渠道（A）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="180" />
        <source>Business category (B)</source>
        <translation>业务类别（B）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="181" />
        <source>Reason (C)</source>
        <translation>投诉原因（C）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="181" />
        <source>Demands (D): Space ticks</source>
        <translation>诉求（D）：空格键勾选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="182" />
        <source>Amount involved (CNY)</source>
        <translation>涉及金额（元）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="182" />
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="189" />
        <source>New complaint (Ctrl+S saves, Esc leaves; the draft is kept)</source>
        <translation>新建投诉（Ctrl+S 保存，Esc 离开；草稿会保留）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="190" />
        <source>Save complaint (Ctrl+S)</source>
        <translation>保存投诉（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="191" />
        <location filename="../../../assist/ui/complaint_view.py" line="200" />
        <source>Save complaint</source>
        <translation>保存投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="192" />
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="193" />
        <location filename="../../../assist/ui/complaint_view.py" line="201" />
        <source>Cancel complaint entry</source>
        <translation>取消投诉登记</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="194" />
        <source>Open card</source>
        <translation>打开卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="195" />
        <source>Open the escalation card</source>
        <translation>打开升级处理卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="196" />
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="197" />
        <source>Ticket number</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="198" />
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="199" />
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
</context>
</TS>