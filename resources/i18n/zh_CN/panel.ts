<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CardPage</name>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="60"/>
        <source>Previous card (Alt+Left)</source>
        <translation>上一张卡片（Alt+←）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="61"/>
        <source>Previous card</source>
        <translation>上一张卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="62"/>
        <source>Next card (Alt+Right)</source>
        <translation>下一张卡片（Alt+→）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="63"/>
        <source>Next card</source>
        <translation>下一张卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="64"/>
        <source>Recently viewed:</source>
        <translation>最近查看：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="87"/>
        <source>Expired: this card is past its review date</source>
        <translation>已过期：本卡片已超过复核有效期，请谨慎使用</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="87"/>
        <source>Not verified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="88"/>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="88"/>
        <source>Legal basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="88"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="89"/>
        <source>Related cards</source>
        <translation>相关卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="90"/>
        <source>Personal data C2 (card, ID and phone numbers): verify identity before discussing the account; confirm, never ask for; everything shown and recorded is masked.</source>
        <translation>个人信息 C2：涉及卡号、证件、手机号等。先核实身份再谈账户；只核对，不索要；屏幕与记录一律脱敏。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="92"/>
        <source>Personal data C3 (PIN, CVV, expiry date): never ask for it, never record it.</source>
        <translation>个人信息 C3：涉及密码、CVV、有效期等鉴别信息。任何情况下都不询问、不记录。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="93"/>
        <source>Identity check: use this card only after the caller&apos;s identity is verified.</source>
        <translation>身份核验：本卡片内容仅在完成身份核验后使用。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="94"/>
        <source>Never ask for: card PIN, CVV, card expiry date, SMS verification code.</source>
        <translation>绝不索要：银行卡密码、CVV、卡片有效期、短信验证码。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="117"/>
        <source>This card has no script {n}.</source>
        <translation>这张卡片没有第 {n} 条话术。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="124"/>
        <source>Copied “{name}”.</source>
        <translation>已复制“{name}”。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="126"/>
        <source>Fill in: {fields}</source>
        <translation>请补全：{fields}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/card_page.py" line="194"/>
        <source>Open the recently viewed card {title}</source>
        <translation>打开最近查看的卡片 {title}</translation>
    </message>
</context>
<context>
    <name>DbProblemDialog</name>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="30"/>
        <source>The database was set up on this PC before and is now missing.</source>
        <translation>本机此前已建立数据库，现在该文件不见了。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="31"/>
        <source>The database file cannot be read.</source>
        <translation>无法读取数据库文件。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="32"/>
        <source>The database file is empty (0 bytes): its data is gone.</source>
        <translation>数据库文件为空（0 字节），其中的数据已丢失。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="33"/>
        <source>The database file is damaged.</source>
        <translation>数据库文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="35"/>
        <source>File: {path}</source>
        <translation>文件位置：{path}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="41"/>
        <source>A new, empty database was created.</source>
        <translation>已新建一个空数据库。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="42"/>
        <source>The old file is kept as {path}</source>
        <translation>原文件已保留为 {path}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="43"/>
        <source>Recovered {rows} row(s) into a new database. The damaged file is kept as {path}.
Check the records; `assist audit verify` shows rows missing from the audit trail.</source>
        <translation>已将 {rows} 行数据恢复到新数据库，损坏的文件保留为 {path}。
请核对记录；用 `assist audit verify` 可查看审计记录中缺失的行。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="45"/>
        <source>Nothing could be recovered ({reason}). Nothing was changed.</source>
        <translation>未能恢复任何数据（{reason}），未做任何改动。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="46"/>
        <source>Assist: database</source>
        <translation>坐席助手：数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="54"/>
        <source>Assist: database problem</source>
        <translation>坐席助手：数据库有问题</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="56"/>
        <source>Nothing has been changed. What should the panel do?</source>
        <translation>尚未做任何改动。请选择如何处理：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="59"/>
        <source>Move it aside and start fresh</source>
        <translation>移到一旁（保留原文件）并新建数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="60"/>
        <source>Start a new database</source>
        <translation>新建数据库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="63"/>
        <source>Try to recover</source>
        <translation>尝试恢复</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/db_problem.py" line="64"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>KnowledgeController</name>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="88"/>
        <source>Search the knowledge base (Ctrl+F): Chinese, pinyin, initials</source>
        <translation>搜索知识库（Ctrl+F）：中文、拼音、首字母</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="89"/>
        <source>Search knowledge cards</source>
        <translation>搜索知识卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="90"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="91"/>
        <source>Knowledge card</source>
        <translation>知识卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="92"/>
        <source>← Back (Esc)</source>
        <translation>← 返回（Esc）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="93"/>
        <source>Back to results</source>
        <translation>返回结果列表</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="94"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="95"/>
        <source>Pin or unpin the card (Ctrl+P)</source>
        <translation>置顶/取消置顶卡片（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="119"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="152"/>
        <source>{n} result(s)</source>
        <translation>{n} 条结果</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="154"/>
        <source>All cards by category (frequently used cards will appear here)</source>
        <translation>全部卡片（按分类；常用卡片会显示在这里）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="156"/>
        <source>Pinned and frequently used cards</source>
        <translation>置顶和常用卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="159"/>
        <source>No card matches “{query}”.</source>
        <translation>没有找到与“{query}”相关的卡片。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="161"/>
        <source>Closest: {titles}</source>
        <translation>最接近的：{titles}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="162"/>
        <source>Try fewer characters, pinyin initials, or another word for it.</source>
        <translation>可以少输几个字、用拼音首字母，或换个说法再试。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="192"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="199"/>
        <source>Filter by category {name}</source>
        <translation>按分类筛选：{name}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="199"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="268"/>
        <source>★ Unpin (Ctrl+P)</source>
        <translation>★ 取消置顶（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/knowledge.py" line="268"/>
        <source>☆ Pin (Ctrl+P)</source>
        <translation>☆ 置顶（Ctrl+P）</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../../assist/ui/panel.py" line="107"/>
        <source>Start a call</source>
        <translation>开始通话</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/panel.py" line="108"/>
        <source>Sync with head office now</source>
        <translation>立即与总行同步</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/panel.py" line="109"/>
        <source>Reload the knowledge base</source>
        <translation>重新加载知识库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/panel.py" line="113"/>
        <source>Knowledge (Ctrl+1)</source>
        <translation>知识库（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/panel.py" line="115"/>
        <source>Complaints (Ctrl+3)</source>
        <translation>投诉（Ctrl+3）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/panel.py" line="117"/>
        <source>Call (Ctrl+2)</source>
        <translation>通话（Ctrl+2）</translation>
    </message>
</context>
<context>
    <name>PanelCalls</name>
    <message>
        <location filename="../../../assist/ui/panel_calls.py" line="73"/>
        <source>In call: {caller} {topic}</source>
        <translation>通话中：{caller} {topic}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="42"/>
        <source>Your profile</source>
        <translation>我的信息</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="42"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="45"/>
        <source>Before the first call: your staff number and your institution go into the scripts, the complaint form and every change you record. You can change them later in ≡ → Settings (Ctrl+,).</source>
        <translation>开始第一通电话前，请填写工号和所属机构：话术、投诉登记和您记录的每一项变更都会用到。以后可在 ≡ → 设置（Ctrl+,）中修改。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="52"/>
        <source>My profile</source>
        <translation>我的信息</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="54"/>
        <source>Staff number (工号)</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="54"/>
        <source>e.g. A1024</source>
        <translation>例如 A1024</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="55"/>
        <source>Name (optional)</source>
        <translation>姓名（可选）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="55"/>
        <source>as the customer may hear it</source>
        <translation>客户在电话里听到的称呼</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="56"/>
        <source>Institution</source>
        <translation>所属机构</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="56"/>
        <source>e.g. 示例银行北京分行</source>
        <translation>例如 示例银行北京分行</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="59"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="65"/>
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="67"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="67"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="67"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="68"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="70"/>
        <source>Panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="72"/>
        <source>Dock to</source>
        <translation>停靠位置</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="72"/>
        <source>Right edge</source>
        <translation>屏幕右侧</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="72"/>
        <source>Left edge</source>
        <translation>屏幕左侧</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="73"/>
        <source>Keep above other windows</source>
        <translation>始终显示在其他窗口之上</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="75"/>
        <source>Always on top</source>
        <translation>窗口置顶</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="76"/>
        <source>Global hotkey</source>
        <translation>全局快捷键</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="76"/>
        <source>e.g. &lt;ctrl&gt;+&lt;alt&gt;+&lt;space&gt;; empty: none</source>
        <translation>例如 &lt;ctrl&gt;+&lt;alt&gt;+&lt;space&gt;；留空表示不使用</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="77"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="79"/>
        <source>Masking of personal data</source>
        <translation>个人信息脱敏规则</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="82"/>
        <source>Bank card</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="82"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="82"/>
        <source>ID card</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="84"/>
        <source>first {head} and last {tail} characters shown</source>
        <translation>显示前 {head} 位和后 {tail} 位</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="88"/>
        <source>Set by head office.</source>
        <translation>由总行统一设置。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="89"/>
        <source>The house policy; head office can set it for every PC.</source>
        <translation>本行默认规则；总行可为所有电脑统一设置。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="100"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="101"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="101"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="121"/>
        <source>Set by head office</source>
        <translation>由总行设置</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="161"/>
        <source>Enter your staff number: every change you record names it.</source>
        <translation>请填写工号：您记录的每一项变更都会记下工号。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="163"/>
        <source>A staff number is 1–20 letters or digits (no spaces).</source>
        <translation>工号为 1–20 位字母或数字（不含空格）。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/settings_dialog.py" line="165"/>
        <source>Enter your institution: the scripts and the complaint form use it.</source>
        <translation>请填写所属机构：话术和投诉登记会用到。</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <location filename="../../../assist/ui/window.py" line="58"/>
        <source>Assist agent panel</source>
        <translation>坐席助手</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="59"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="60"/>
        <source>Menu (F10)</source>
        <translation>菜单（F10）</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="61"/>
        <source>Always on top</source>
        <translation>窗口置顶</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="62"/>
        <source>Dock on the left</source>
        <translation>停靠在屏幕左侧</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="63"/>
        <source>Dock to screen edge</source>
        <translation>停靠到屏幕边缘</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="64"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="65"/>
        <source>Knowledge base status…</source>
        <translation>知识库状态…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="66"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="67"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="68"/>
        <location filename="../../../assist/ui/window.py" line="204"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="76"/>
        <source>KB version {version} · {count} cards</source>
        <translation>知识库版本 {version} · {count} 张卡片</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="78"/>
        <source>{n} broken file(s), click for details</source>
        <translation>{n} 个文件有问题，点击查看</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="177"/>
        <source>Active knowledge base: {root}
Version {version}, {count} cards loaded.</source>
        <translation>当前知识库：{root}
版本 {version}，已加载 {count} 张卡片。</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="180"/>
        <source>These files have problems; the rest of the knowledge base works:</source>
        <translation>以下文件有问题（其余知识库正常可用）：</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="181"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="190"/>
        <source>About Assist</source>
        <translation>关于坐席助手</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="191"/>
        <source>Assist agent panel {version}
Build: {build}
Knowledge base: {kb}</source>
        <translation>坐席助手 {version}
构建：{build}
知识库：{kb}</translation>
    </message>
    <message>
        <location filename="../../../assist/ui/window.py" line="203"/>
        <source>Show / hide</source>
        <translation>显示/隐藏</translation>
    </message>
</context>
</TS>
