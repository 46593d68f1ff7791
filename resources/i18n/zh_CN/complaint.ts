<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComplaintCaseController</name>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="34"/>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="34"/>
        <source>Extend the deadline</source>
        <translation>延长处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="35"/>
        <source>Pause the clock (appraisal, testing, valuation, mediation)</source>
        <translation>中止计时（鉴定、检测、评估、调解）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="36"/>
        <source>End the pause</source>
        <translation>结束中止、恢复计时</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="36"/>
        <source>Repeat complaint</source>
        <translation>重复投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="39"/>
        <source>30 days (complex)</source>
        <translation>30日（案情复杂）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="40"/>
        <source>60 days (approver and notice required)</source>
        <translation>60日（须审批并告知投诉人）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="41"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="80"/>
        <source>{ticket} · {status} · {level}</source>
        <translation>{ticket} · {status} · {level}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="107"/>
        <source>No due date (no time received)</source>
        <translation>无期限（未填写收到时间）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="108"/>
        <source>Due {date} ({limit}-day limit)</source>
        <translation>期限 {date}（{limit}日）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="111"/>
        <source>{n} day(s) left</source>
        <translation>剩 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="111"/>
        <source>{n} day(s) overdue</source>
        <translation>已超期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="113"/>
        <source>clock paused</source>
        <translation>中止计时中</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="115"/>
        <source>Review requested {req}, due {due}</source>
        <translation>核查申请 {req}，核查期限 {due}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="163"/>
        <source>Set your staff number (agent.staff_id) in the settings first: every change records who made it.</source>
        <translation>请先在设置中填写工号（agent.staff_id）：每次变更都会记录操作人。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="167"/>
        <source>This complaint is closed: its status can no longer change.</source>
        <translation>该投诉已终结，状态不能再变更。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="172"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="178"/>
        <source>Saved (revision {n}).</source>
        <translation>已保存（第{n}版）。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="187"/>
        <source>Refused: {reason}</source>
        <translation>未能执行：{reason}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case.py" line="189"/>
        <source>Could not save ({error}); try again.</source>
        <translation>保存失败（{error}），请重试。</translation>
    </message>
</context>
<context>
    <name>ComplaintCaseView</name>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="143"/>
        <source>New status</source>
        <translation>改为状态</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="143"/>
        <source>When (received / requested)</source>
        <translation>时间（撤回收到 / 核查申请）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="144"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="144"/>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="144"/>
        <source>Basis and reasons</source>
        <translation>依据和理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="145"/>
        <source>Notice method</source>
        <translation>告知方式</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="145"/>
        <source>Notice sent at</source>
        <translation>告知时间</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="146"/>
        <source>Notice evidence</source>
        <translation>告知凭证</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="146"/>
        <source>Could not be reached</source>
        <translation>无法联系投诉人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="147"/>
        <source>Extend to</source>
        <translation>延长至</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="147"/>
        <source>Approved by</source>
        <translation>审批人类别</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="148"/>
        <source>Approver&apos;s name</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="148"/>
        <location filename="../../../assist/ui/complaint_case_view.py" line="150"/>
        <source>Complainant told on</source>
        <translation>告知投诉人日期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="149"/>
        <source>Pause for</source>
        <translation>中止计时事由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="149"/>
        <source>Paused from</source>
        <translation>中止开始日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="149"/>
        <source>Paused until</source>
        <translation>中止结束日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="150"/>
        <source>Resumed on</source>
        <translation>恢复计时日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="151"/>
        <source>Repeat received on</source>
        <translation>重复投诉收到日</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="151"/>
        <source>Brings new facts or reasons</source>
        <translation>有新的事实或理由</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="153"/>
        <source>Told: review (核查)</source>
        <translation>已告知：申请核查</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="153"/>
        <source>Told: mediation (调解)</source>
        <translation>已告知：调解</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="154"/>
        <source>Told: arbitration (仲裁)</source>
        <translation>已告知：仲裁</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="154"/>
        <source>Told: litigation (诉讼)</source>
        <translation>已告知：诉讼</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="162"/>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 2026-03-10</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="163"/>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>如 2026-03-10 15:00</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="164"/>
        <source>Complaint record (masked)</source>
        <translation>投诉记录（脱敏）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="165"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="166"/>
        <source>Action details</source>
        <translation>操作内容</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="167"/>
        <source>Apply (Ctrl+Enter)</source>
        <translation>执行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="168"/>
        <location filename="../../../assist/ui/complaint_case_view.py" line="176"/>
        <source>Apply the action</source>
        <translation>执行操作</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="169"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="170"/>
        <source>Deadline warnings</source>
        <translation>期限预警</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="171"/>
        <source>Due date</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="172"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="173"/>
        <source>Complaint history</source>
        <translation>投诉历史</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="174"/>
        <source>← Back to my complaints (Esc)</source>
        <translation>← 返回我的投诉（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_case_view.py" line="175"/>
        <source>Back to my complaints</source>
        <translation>返回我的投诉</translation>
    </message>
</context>
<context>
    <name>ComplaintController</name>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="91"/>
        <source>Consumer (self)</source>
        <translation>本人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="91"/>
        <source>Legal guardian</source>
        <translation>法定代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="91"/>
        <source>Authorised agent</source>
        <translation>委托代理人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="92"/>
        <source>Heir</source>
        <translation>继承人</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="92"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="121"/>
        <source>Another panel took over this draft; this form now autosaves as a new draft.</source>
        <translation>另一个面板接管了此草稿；本表单现作为新草稿自动保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="122"/>
        <source>Could not autosave the draft ({error}); keep the panel open and try saving.</source>
        <translation>草稿自动保存失败（{error}）；请勿关闭面板，并尝试保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="124"/>
        <source>No system keyring is available: the full callback number will not be stored (only its masked form), and drafts are stored masked.</source>
        <translation>系统密钥环不可用：回访号码的完整值不会保存（仅保存脱敏值），草稿也将脱敏保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="182"/>
        <source>Contact person name</source>
        <translation>联系人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="186"/>
        <source>Already held by the bank (not asked again): {items}</source>
        <translation>本行已掌握（无需再问）：{items}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="235"/>
        <source>Leave the complaint form?</source>
        <translation>离开投诉登记？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="236"/>
        <source>The draft is kept and offered again. Leave the form?</source>
        <translation>草稿会保留，下次可继续。确定离开表单？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="263"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="271"/>
        <source>Saved. Ticket number: {ticket}</source>
        <translation>已保存。投诉单号：{ticket}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="276"/>
        <source>Reply due {date}: {days} day(s) left (calendar days from receipt)</source>
        <translation>答复期限 {date}：还剩 {days} 天（自受理起按自然日计算）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="278"/>
        <source>Warning: only {days} day(s) left. </source>
        <translation>提醒：仅剩 {days} 天。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="282"/>
        <source>Complaint saved.</source>
        <translation>投诉已保存。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="284"/>
        <source>No system keyring is available: the full callback number was NOT stored, only its masked form. Confirm the number with the customer at callback.</source>
        <translation>系统密钥环不可用：回访号码的完整值未保存，仅保存了脱敏值。回访时请向客户重新核实号码。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="295"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="305"/>
        <source>{n} field(s) to fix; the first one has the focus.</source>
        <translation>有 {n} 项需要修改；光标已定位到第一项。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="321"/>
        <source>normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="321"/>
        <source>complex</source>
        <translation>复杂</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="321"/>
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="324"/>
        <source>Risk: {level}</source>
        <translation>风险：{level}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="333"/>
        <source>High risk: escalate per the card “{title}” ({card}) before ending the call.</source>
        <translation>高风险：请在结束通话前按卡片“{title}”（{card}）升级处理。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="345"/>
        <source>Restore complaint draft?</source>
        <translation>恢复投诉草稿？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="346"/>
        <source>A complaint draft from {when} was not saved (the panel closed unexpectedly). Restore it?</source>
        <translation>{when} 的投诉草稿尚未保存（面板意外关闭）。是否恢复？</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="375"/>
        <source>This draft was stored without a keyring, so numbers and names in it are masked; re-enter them.</source>
        <translation>此草稿在没有密钥环时保存，其中的号码和姓名已脱敏，请重新录入。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="377"/>
        <source>This draft is encrypted with a key that is not available here; it cannot be shown.</source>
        <translation>此草稿由本机不可用的密钥加密，无法显示。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_controller.py" line="378"/>
        <source>Draft restored.</source>
        <translation>草稿已恢复。</translation>
    </message>
</context>
<context>
    <name>ComplaintListController</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="178"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ComplaintListModel</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="56"/>
        <source>{n} day(s) left</source>
        <translation>剩 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="56"/>
        <source>{n} day(s) overdue</source>
        <translation>已超期 {n} 天</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="63"/>
        <source>not synced</source>
        <translation>未同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="63"/>
        <source>synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="63"/>
        <source>sync error</source>
        <translation>同步出错</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="66"/>
        <source>Due {date}</source>
        <translation>期限 {date}</translation>
    </message>
</context>
<context>
    <name>ComplaintListView</name>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="155"/>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="156"/>
        <source>Search ticket, name, category</source>
        <translation>搜索单号、姓名、类别</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="157"/>
        <source>Search complaints</source>
        <translation>搜索投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="158"/>
        <location filename="../../../assist/ui/complaint_list.py" line="162"/>
        <source>My complaints</source>
        <translation>我的投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="159"/>
        <source>Complaint history</source>
        <translation>投诉历史</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="160"/>
        <source>History (click a complaint; Enter opens the case)</source>
        <translation>历史记录（单击投诉查看；回车打开案件）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_list.py" line="161"/>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
</context>
<context>
    <name>ComplaintView</name>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="165"/>
        <source>Complainant type</source>
        <translation>投诉人类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="165"/>
        <source>Agent ID</source>
        <translation>受理坐席工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="166"/>
        <source>Receiving unit</source>
        <translation>受理机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="166"/>
        <source>Received at (YYYY-MM-DD HH:MM)</source>
        <translation>收到投诉时间（年-月-日 时:分）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="167"/>
        <source>Source</source>
        <translation>投诉来源</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="167"/>
        <source>Regulator referral number</source>
        <translation>监管转办编号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="168"/>
        <source>Complainant name</source>
        <translation>投诉人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="168"/>
        <source>ID document type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="169"/>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="169"/>
        <source>Callback phone</source>
        <translation>联系电话（回访）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="170"/>
        <source>Contact address</source>
        <translation>联系地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="170"/>
        <source>Relationship to the consumer</source>
        <translation>与消费者关系</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="171"/>
        <source>Representative name</source>
        <translation>代理人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="171"/>
        <source>Representative ID number</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="172"/>
        <source>Representative phone</source>
        <translation>代理人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="172"/>
        <source>Power of attorney received</source>
        <translation>已收到授权委托书</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="173"/>
        <source>Name of the deceased</source>
        <translation>被继承人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="173"/>
        <source>Proof of inheritance received</source>
        <translation>已收到继承关系证明</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="174"/>
        <source>Organisation name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="174"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="175"/>
        <source>Organisation address</source>
        <translation>单位地址</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="175"/>
        <source>Legal representative</source>
        <translation>法定代表人姓名</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="176"/>
        <source>Legal representative ID number</source>
        <translation>法定代表人证件号码</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="176"/>
        <source>Legal representative phone</source>
        <translation>法定代表人联系电话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="177"/>
        <source>Institution complained about</source>
        <translation>被投诉机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="177"/>
        <source>Staff complained about</source>
        <translation>被投诉人员</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="178"/>
        <source>Staff member&apos;s unit</source>
        <translation>被投诉人员所在部门</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="178"/>
        <source>Request (投诉请求)</source>
        <translation>投诉请求</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="179"/>
        <source>Main facts (主要事实)</source>
        <translation>主要事实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="179"/>
        <source>Basis (相关依据)</source>
        <translation>相关依据</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="180"/>
        <source>Channel (A)</source>
        <translation>业务办理渠道（A）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="180"/>
        <source>Business category (B)</source>
        <translation>业务类别（B）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="181"/>
        <source>Reason (C)</source>
        <translation>投诉原因（C）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="181"/>
        <source>Demands (D): Space ticks</source>
        <translation>诉求（D）：空格键勾选</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="182"/>
        <source>Amount involved (CNY)</source>
        <translation>涉及金额（元）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="182"/>
        <source>Product</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="189"/>
        <source>New complaint (Ctrl+S saves, Esc leaves; the draft is kept)</source>
        <translation>新建投诉（Ctrl+S 保存，Esc 离开；草稿会保留）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="190"/>
        <source>Save complaint (Ctrl+S)</source>
        <translation>保存投诉（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="191"/>
        <location filename="../../../assist/ui/complaint_view.py" line="200"/>
        <source>Save complaint</source>
        <translation>保存投诉</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="192"/>
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="193"/>
        <location filename="../../../assist/ui/complaint_view.py" line="201"/>
        <source>Cancel complaint entry</source>
        <translation>取消投诉登记</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="194"/>
        <source>Open card</source>
        <translation>打开卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="195"/>
        <source>Open the escalation card</source>
        <translation>打开升级处理卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="196"/>
        <source>Risk assessment</source>
        <translation>风险评估</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="197"/>
        <source>Ticket number</source>
        <translation>投诉单号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="198"/>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/complaint_view.py" line="199"/>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
</context>
</TS>
